"""`mkdocs-perceptual init`: a Gatsby Lumen repository's settings read without running them
(`jsobject`, `lumen_settings`), carried into `mkdocs.yml` (`init`), and the report of where
each went (`report`).

May import: every layer below it, `mkdocs_perceptual.plugin` included (to check the
configuration it writes).
"""
