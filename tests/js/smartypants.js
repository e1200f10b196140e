// The text of each paragraph of Markdown as Lumen 2019 showed it: remark-parse 6 (the options
// gatsby-transformer-remark 2.x used) and gatsby-remark-smartypants over the tree, which turns
// straight quotes, dashes and dots in text (not code) into typographic ones.
// Input on stdin: {"name": "markdown", ...}; output: {"name": ["paragraph text", ...], ...}.
'use strict'

const unified = require('unified')
const parse = require('remark-parse')
const toString = require('mdast-util-to-string')
const smartypants = require('gatsby-remark-smartypants')

function paragraphs (markdown) {
  const processor = unified().use(parse, { commonmark: true, footnotes: true, pedantic: true, gfm: true })
  const tree = processor.runSync(processor.parse(markdown))
  // As gatsby-transformer-remark calls it, with the options Lumen's gatsby-config gave it.
  smartypants({ markdownAST: tree }, { dashes: 'oldschool' })
  const found = []
  const visit = node => {
    if (node.type === 'paragraph') found.push(toString(node))
    for (const child of node.children || []) visit(child)
  }
  visit(tree)
  return found
}

let input = ''
process.stdin.setEncoding('utf8')
process.stdin.on('data', chunk => { input += chunk })
process.stdin.on('end', () => {
  const texts = JSON.parse(input)
  const out = {}
  for (const name of Object.keys(texts)) out[name] = paragraphs(texts[name])
  process.stdout.write(JSON.stringify(out))
})
