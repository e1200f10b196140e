'use strict'
// The heading ids Lumen 2019 gave: remark-parse 6 as gatsby-transformer-remark 2 configured it
// (commonmark, footnotes, pedantic, gfm; remark-math), then gatsby-remark-autolink-headers:
// github-slugger over mdast-util-to-string of each heading, the slugger reset per document.
// stdin: {"docs": [markdown, ...]}
// stdout: {"docs": [[{"depth": n, "text": string, "id": slug}, ...], ...]}
const unified = require('unified')
const remarkParse = require('remark-parse')
const remarkMath = require('remark-math')
const toString = require('mdast-util-to-string')
const GithubSlugger = require('github-slugger')

const processor = unified()
  .use(remarkParse, { commonmark: true, footnotes: true, pedantic: true, gfm: true })
  .use(remarkMath)

function headings (node, found) {
  if (node.type === 'heading') found.push(node)
  for (const child of node.children || []) headings(child, found)
  return found
}

let input = ''
process.stdin.setEncoding('utf8')
process.stdin.on('data', (chunk) => { input += chunk })
process.stdin.on('end', () => {
  const request = JSON.parse(input)
  const docs = request.docs.map((markdown) => {
    const tree = processor.runSync(processor.parse(markdown))
    const slugger = new GithubSlugger()
    return headings(tree, []).map((node) => {
      const text = toString(node)
      return { depth: node.depth, text, id: slugger.slug(text) }
    })
  })
  process.stdout.write(JSON.stringify({ docs }))
})
