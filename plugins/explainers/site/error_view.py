"""The error view that ``mkdocs serve`` puts on every page while the content has errors.

Under ``serve`` a failed build would leave the dev server waiting for a good one, so
every request hangs and the errors are only in the terminal. Instead the plugin lets
the build finish (what failed to load renders as inert ``[?]`` placeholders) and each
page carries this view, listing every ``path:line:col: severity: message`` line, as
Hugo's and Vite's in-browser error overlays do. MkDocs' live reload reloads the page
after the next successful build, so the view goes away by itself once the files are
fixed. ``mkdocs build`` never shows it: there the errors stop the build.

A native ``<dialog>``: shown modal (focus inside, the page behind inert, Escape or the
button hides it) where the browser can, plainly open where it cannot. Everything in
it is escaped; it carries its own style, so it works with any theme.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from html import escape

from ..data.diagnostics import Diagnostic, Report
from ..page.i18n import ERROR_VIEW

log = logging.getLogger(__name__)

ELEMENT_ID = "xp-errors"

STYLE = """
#xp-errors{position:fixed;inset:2rem 1rem auto;z-index:2147483647;box-sizing:border-box;
width:auto;max-width:60rem;max-height:calc(100vh - 4rem);margin:0 auto;overflow:auto;
padding:1.5rem 1.75rem;border:0;border-top:.5rem solid #ff6b6b;border-radius:.5rem;
background:#1b1b1f;color:#f2f2f2;box-shadow:0 1rem 3rem rgba(0,0,0,.5);
font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;text-align:left}
#xp-errors::backdrop{background:rgba(0,0,0,.66)}
#xp-errors h2{margin:0 0 .5rem;font-size:1.4rem;line-height:1.3;color:#ff8f8f;font-weight:700}
#xp-errors p{margin:.5rem 0;color:#f2f2f2}
#xp-errors ol{margin:1rem 0;padding:0;list-style:none}
#xp-errors li{margin:.25rem 0;padding:.5rem .75rem;border-radius:.25rem;background:#2a2a31;
font:.9rem/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:pre-wrap;
overflow-wrap:anywhere}
#xp-errors code{font:inherit;color:#9cdcfe;background:none;padding:0}
#xp-errors .xp-errors__error{color:#ff8f8f;font-weight:700}
#xp-errors .xp-errors__warning{color:#ffd479;font-weight:700}
#xp-errors button{font:inherit;margin-top:.5rem;padding:.4rem 1rem;border:2px solid #f2f2f2;
border-radius:.25rem;background:#1b1b1f;color:#f2f2f2;cursor:pointer}
#xp-errors button:focus-visible{outline:3px solid #9cdcfe;outline-offset:2px}
"""

SCRIPT = (
    "(function(){var d=document.getElementById('xp-errors');"
    "if(d&&d.showModal){try{d.close();d.showModal();}catch(e){d.setAttribute('open','');}}})();"
)

_BODY = re.compile(r"<body\b[^>]*>", re.IGNORECASE)


def problems(report: Report, strict: bool) -> list[Diagnostic]:
    """What would stop ``mkdocs build``: the errors, and with ``--strict`` the warnings too."""
    return [d for d in report.sorted() if strict or d.severity == "error"]


def _text(lang: str) -> dict[str, str]:
    return ERROR_VIEW.get(lang.split("-")[0].lower(), ERROR_VIEW["en"])


def _item(diagnostic: Diagnostic) -> str:
    where = f"{diagnostic.path}:{diagnostic.line}:{diagnostic.col}"
    return (
        f"<li><code>{escape(where)}</code>: "
        f'<span class="xp-errors__{diagnostic.severity}">{escape(diagnostic.severity)}</span>: '
        f"{escape(diagnostic.message)}</li>"
    )


def html(problems: Sequence[Diagnostic], lang: str = "en") -> str:
    """The error view listing ``problems`` (each item's text is the diagnostic's line)."""
    text = _text(lang)
    title = text["one"] if len(problems) == 1 else text["many"].format(count=len(problems))
    stops = escape(text["stops"]).replace("`mkdocs build`", "<code>mkdocs build</code>")
    items = "\n".join(_item(d) for d in problems)
    return (
        f'<dialog id="{ELEMENT_ID}" class="xp-errors" open lang="{escape(lang)}" '
        f'aria-labelledby="xp-errors-title" aria-describedby="xp-errors-stops" data-search-exclude>'
        f"<style>{STYLE}</style>"
        f'<h2 id="xp-errors-title">{escape(title)}</h2>'
        f'<p id="xp-errors-stops">{stops}</p>'
        f'<ol class="xp-errors__list">\n{items}\n</ol>'
        f"<p>{escape(text['preview'])}</p>"
        f'<form method="dialog"><button type="submit" autofocus>{escape(text["hide"])}</button>'
        f"</form></dialog><script>{SCRIPT}</script>"
    )


def inject(page: str, problems: Sequence[Diagnostic], lang: str = "en") -> str:
    """``page`` with the error view first in its ``<body>`` (first in reading order);
    unchanged when there is no problem."""
    if not problems:
        return page
    view = html(problems, lang)
    match = _BODY.search(page)
    if match is None:
        return view + page
    return page[: match.end()] + view + page[match.end() :]


_VIEW_RE = re.compile(rf'<dialog id="{ELEMENT_ID}".*?</dialog><script>.*?</script>', re.S)


def strip(page: str) -> str:
    """``page`` without the error view :func:`inject` put in it."""
    return _VIEW_RE.sub("", page, count=1)
