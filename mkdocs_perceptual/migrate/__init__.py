"""`mkdocs-perceptual init`: a Gatsby Lumen repository's settings read without running them
(`jstokens`, the tokens of JavaScript; `jsobject`, its object literals; `lumen_settings`),
carried into `mkdocs.yml` (`mapping`, written as YAML that reads back the same by `yaml_out`),
and the report of where each went and what the plugin's checks find (`report`); `repository`
keeps the checks in the repository and writes its files all or none, never through a link;
`url_code` finds a blog's own URL code; `init` runs the command.

May import: every layer below it, `mkdocs_perceptual.plugin` included (to check the
configuration it writes).
"""
