"""One build, and what outlives it: the state the hooks share from on_files to on_post_build
(`state`, with the per-page steps in `steps`, and what a written page lets go of in
`memory`), the render cache and the search entries kept between builds (`cache`, its
state-file form in `stored`, `search`), the theme's compiled templates (`templates`), the
responsive copies of the images beside posts (`images`), and `--dirty` builds: what may be
left as written (`dirty`) and the fingerprints that decide it (`fingerprint`).

May import: every layer below it: `lumen`, `config`, `markdown` and `site`.
"""
