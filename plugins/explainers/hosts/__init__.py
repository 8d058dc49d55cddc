"""Layer 4, the hosts: what a site's configuration says, and the MkDocs plugin.

Lives here: the readers of ``mkdocs.yml`` (:mod:`.mkdocs_yml`) and ``zensical.toml``
(:mod:`.zensical_toml`) into one host-neutral ``SiteConfig``, the one entry that picks
between them (:mod:`.site_config`), the check that every page is in ``nav``
(:mod:`.nav_check`), and :mod:`.mkdocs`, the only folder that imports MkDocs or Jinja2.

May import: this layer and every layer below (site, page, data).
"""
