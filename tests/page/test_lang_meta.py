"""The page language as a ``<head>`` element (``explainers.page.lang_meta``), which
``assets/lang.js`` copies to ``<html lang>`` after Material's instant navigation."""

from __future__ import annotations

from explainers.page.lang_meta import NAME, lang_meta, with_lang_meta


def test_the_meta_names_the_language_escaped() -> None:
    assert lang_meta("nb") == f'<meta name="{NAME}" content="nb">'
    assert lang_meta('x"><script>') == (f'<meta name="{NAME}" content="x&quot;&gt;&lt;script&gt;">')


def test_it_goes_at_the_end_of_the_first_head_only() -> None:
    html = "<html><head><title>t</title></head><body><svg><head></head></svg></body></html>"
    assert with_lang_meta(html, "nn") == (
        f'<html><head><title>t</title><meta name="{NAME}" content="nn">\n</head>'
        "<body><svg><head></head></svg></body></html>"
    )
    assert with_lang_meta("<p>no head</p>", "en") == "<p>no head</p>"
