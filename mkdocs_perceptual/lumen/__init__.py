"""Lumen's rules, as the Gatsby starter applied them, and nothing of MkDocs' rendering: a
post's front matter read and checked (`frontmatter`, `yamlread`, `post`), the one draft rule
and where each post goes among MkDocs' files (`posts`), dates (`dates`), lodash's and
github-slugger's names (`slugs`), and the URLs of posts, categories and tags (`urls`).

May import: nothing of this package (MkDocs' own modules, PyYAML and the standard library).
"""
