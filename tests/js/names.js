'use strict'
// Lumen's own name functions, for the differential tests: lodash kebabCase (category and tag
// URLs) and github-slugger (heading ids, a fresh slugger per page as
// gatsby-remark-autolink-headers reset it).
// stdin: {"kebab": [name, ...], "pages": [[heading text, ...], ...]}
// stdout: {"kebab": [kebab, ...], "pages": [[slug, ...], ...]}
const kebabCase = require('lodash/kebabCase')
const GithubSlugger = require('github-slugger')

let input = ''
process.stdin.setEncoding('utf8')
process.stdin.on('data', (chunk) => { input += chunk })
process.stdin.on('end', () => {
  const request = JSON.parse(input)
  const kebab = (request.kebab || []).map((name) => kebabCase(name))
  const pages = (request.pages || []).map((texts) => {
    const slugger = new GithubSlugger()
    return texts.map((text) => slugger.slug(text))
  })
  process.stdout.write(JSON.stringify({ kebab, pages }))
})
