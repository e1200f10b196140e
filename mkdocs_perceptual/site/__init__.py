"""What the blog publishes around the rendered posts: the navigation (`nav`, `highlight`),
the listing pages (`listings`, `listing_pages`), the RSS feed (`feed`), a page's header,
footer and meta (`page`), the author card (`author`, `icons`), links (`links`), the files
added to the site (`outputs`), and the templates they are drawn with (`templates/`).

May import: `mkdocs_perceptual.lumen`, `mkdocs_perceptual.config` and
`mkdocs_perceptual.markdown`.
"""
