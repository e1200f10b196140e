"""Publish a Gatsby (Lumen) Markdown blog with MkDocs, unchanged."""

__version__ = "0.1.0"
