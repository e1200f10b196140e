"""Publish a Gatsby (Lumen) Markdown blog with MkDocs, unchanged."""

import os

__version__ = "0.1.0"

# The plugin's templates, added last to the theme's folders (plugin.py) and fingerprinted
# with the site (dirty.py).
TEMPLATES = os.path.join(os.path.dirname(__file__), "site", "templates")
