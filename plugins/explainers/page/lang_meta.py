"""The page language as a ``<head>`` element, for ``<html lang>`` after instant navigation.

Material's instant navigation keeps the first page's ``<html>`` element and carries
``<head>`` elements over; ``assets/lang.js`` copies this one to ``<html lang>``.
"""

from __future__ import annotations

from html import escape

NAME = "explainers:lang"
SCRIPT_URI = "assets/explainers/lang.js"


def lang_meta(lang: str) -> str:
    return f'<meta name="{NAME}" content="{escape(lang, quote=True)}">'


def with_lang_meta(html: str, lang: str) -> str:
    """``html`` with the page's language meta added at the end of ``<head>``."""
    return html.replace("</head>", lang_meta(lang) + "\n</head>", 1)
