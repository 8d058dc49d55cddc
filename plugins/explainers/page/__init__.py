"""Layer 2, one page: an article through Markdown.

Lives here: the article syntax (:mod:`.syntax`), finding it with line and column
(:mod:`.positions`), the Python-Markdown extension (:mod:`.extension`) and what it
renders with (citation numbering, the :class:`~explainers.page.renderer.Renderer` of
boxes, cards and lists, Markdown in YAML fields, labels and dates, JSON-LD per claim),
rendering an article as MkDocs would (:mod:`.article_render`), checking what a page
rendered (:mod:`.article_check`), the record of a page that check and build both keep
(:mod:`.page_record`), near misses, and what a non-MkDocs host says about
the page (:mod:`.host_context`).

May import: this layer and :mod:`explainers.data`. Never a host (MkDocs, Jinja2).
"""
