"""Layer 3, the whole site, whichever host builds it.

Lives here: one build's steps as a host calls them (:mod:`.build`, with its
:mod:`.options`; the MkDocs plugin is such a host) and the objects it hands them to:
each claim's review home (:mod:`.review_homes`), the claim pages written into the site
(:mod:`.claim_page_writer`, from :mod:`.claim_pages`), which pages show and number
what and the claims and sources index pages (:mod:`.indexes`), the feeds, box HTML
kept between builds (:mod:`.fragment_cache`), the staged site folder and its swap
(:mod:`.site_folder`) and the error view ``serve`` shows (:mod:`.error_view`). Beside
them: the full check of a site (:mod:`.check`), the checks across pages that a check
and a build both end with (:mod:`.site_checks`), and the site-wide pages as Markdown
files for other hosts (:mod:`.markdown_export`).

May import: this layer, :mod:`explainers.page` and :mod:`explainers.data`. Never a
host (MkDocs, Jinja2) and never a host's config reader: the hosts pass what they read.
"""
