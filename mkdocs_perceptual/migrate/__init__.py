"""`mkdocs-perceptual init`: a Gatsby Lumen repository's settings read without running them
(`jsobject`, `lumen_settings`), carried into `mkdocs.yml` (`mapping`), and the report of where
each went and what the plugin's checks find (`report`); `init` runs the command.

May import: every layer below it, `mkdocs_perceptual.plugin` included (to check the
configuration it writes).
"""
