// Renders Markdown posts as Lumen 2019 did (gatsby-transformer-remark 2.x):
// remark-parse 6 {commonmark, footnotes, pedantic, gfm} + remark-math 1.0.6,
// gatsby-remark-prismjs 3.3.29 over the tree, mdast-util-to-hast 3 + hast-util-to-html 5.
// Input on stdin: {"name": "markdown", ...}; output on stdout: {"name": "html", ...}.
// Not run (they do not change the block structure): gatsby-remark-katex (math stays as
// remark-math's div.math / span.inlineMath), -images, -autolink-headers, -smartypants.
'use strict'

const unified = require('unified')
const parse = require('remark-parse')
const math = require('remark-math')
const toHast = require('mdast-util-to-hast')
const toHtml = require('hast-util-to-html')
const prism = require('gatsby-remark-prismjs')

function render (source) {
  // gatsby-transformer-remark gets the body from gray-matter, without the front matter.
  const markdown = source.replace(/^---\n[\s\S]*?\n---\n/, '')
  const processor = unified()
    .use(parse, { commonmark: true, footnotes: true, pedantic: true, gfm: true })
    .use(math)
  const tree = processor.runSync(processor.parse(markdown))
  // gatsby-transformer-remark calls each gatsby-remark-* plugin with the tree in this way.
  prism({ markdownAST: tree }, {})
  const hast = toHast(tree, { allowDangerousHTML: true })
  return toHtml(hast, { allowDangerousHTML: true })
}

let input = ''
process.stdin.setEncoding('utf8')
process.stdin.on('data', chunk => { input += chunk })
process.stdin.on('end', () => {
  const posts = JSON.parse(input)
  const out = {}
  for (const name of Object.keys(posts)) out[name] = render(posts[name])
  process.stdout.write(JSON.stringify(out))
})
