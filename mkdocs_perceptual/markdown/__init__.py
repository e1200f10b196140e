"""Reading Markdown as Lumen's remark read it, on Python-Markdown: the text pass that makes
remark's block structure Python-Markdown's (`remark`, `blocks`), the extension sets for Lumen
files and other pages (`extensions`), Prism's fence syntax (`fences`), heading ids
(`headings`), smart quotes (`smartypants`), and LaTeX to MathML (`texcompat`, `texrewrite`,
`texlayout`, `texscan`, `texdata`, `mathml`).

May import: `mkdocs_perceptual.lumen` and `mkdocs_perceptual.config`.
"""
