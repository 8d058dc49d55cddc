"""The MkDocs host (MkDocs 1.6 and ProperDocs): the plugin, whose events are calls on
the host-neutral :class:`~explainers.site.build.SiteBuild`, and what only MkDocs needs:
its options and the build options they make (:mod:`.config`), the files taken out of
the site and put in (:mod:`.files`), the theme's page shell for claim pages
(:mod:`.theme_shell`), Material's partials (:mod:`.overrides`), the page as the search
plugin reads it (:mod:`.search_view`) and the log plumbing (:mod:`.logs`).

The only folder of the package that imports ``mkdocs`` or ``jinja2``
(``tests/test_layers.py`` enforces it). May import every layer below.
"""
