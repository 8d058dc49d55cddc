"""The MkDocs host (MkDocs 1.6 and ProperDocs): the plugin, its options, the theme's
page shell for claim pages and the page as the search index reads it.

The only folder of the package that imports ``mkdocs`` or ``jinja2``
(``tests/test_layers.py`` enforces it). May import every layer below.
"""
