"""Generated claim pages (``claims/<id>/``), rendered outside the host's page loop.

A large desk has thousands of claims, each with a page. Sending each through the
host's full page pipeline costs the same as an article (a theme template that
renders the whole site navigation, a search parse), so the cost of a build would
grow with pages × navigation. Instead the host renders one *shell* per build (the
site's header, palette, footer and scripts, without the site navigation; see
``templates/explainers/generated.html``) holding the markers below, and this module
fills it in for every claim: the body goes through the same Python-Markdown
extension as an article, so boxes, numbering and sections read the same.

The sitemap and the search index get one entry per claim page, so each claim is
found once, on its own page (boxes inside articles are left out of the index).
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import io
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any, TextIO

from ..data import translations
from ..data.model import Claim, Site
from ..page import field_markdown as fieldmd
from ..page.extension import HEADING_IDS
from ..page.i18n import Labels
from ..page.jsonld import claim_review
from ..page.jsonld import script as jsonld_script
from ..page.lang_meta import lang_meta
from ..page.numbering import Citations
from ..page.renderer import PageInfo, Renderer, esc
from .indexes import CLAIMS_DIR, relative_url, versions_of
from .text_window import TextWindow

#: Placeholders the shell carries; chosen so no theme escapes or rewrites them.
SLUG = "xp-generated-page-slug"
TITLE = "XPGENERATEDTITLEMARK"
DESCRIPTION = "XPGENERATEDDESCRIPTIONMARK"
CONTENT = "XPGENERATEDCONTENTMARK"
_LANG_RE = re.compile(r'<html lang="[^"]*"')
_MARKS_SPLIT_RE = re.compile(f"({SLUG}|{TITLE}|{DESCRIPTION}|{CONTENT})")


def claim_url(claim_id: str, directory_urls: bool = True, version: str = "", root: str = "") -> str:
    """The claim page's URL relative to the site root. ``version``: a language the claim
    is written in besides its own (``claims/<id>/nb/``, or ``claims/<id>/nb.html``);
    ``root``: a language's folder in an i18n site of several (``nb/``)."""
    if version:
        return root + (
            f"{CLAIMS_DIR}/{claim_id}/{version}/"
            if directory_urls
            else f"{CLAIMS_DIR}/{claim_id}/{version}.html"
        )
    return root + (
        f"{CLAIMS_DIR}/{claim_id}/" if directory_urls else f"{CLAIMS_DIR}/{claim_id}.html"
    )


def claim_url_in(
    site: Site, claim_id: str, lang: str, directory_urls: bool = True, root: str = ""
) -> str:
    """The URL of the claim's page in ``lang`` where the claim is written in it besides
    its own language (``claims/<id>/nb/``), else of its main page (:func:`claim_url`)."""
    claim = site.claims.get(claim_id)
    version = lang if claim is not None and claim.lang and lang in versions(claim) else ""
    return claim_url(claim_id, directory_urls, version, root)


def claim_dest(
    claim_id: str, directory_urls: bool = True, version: str = "", root: str = ""
) -> str:
    """The claim page's file relative to the site folder."""
    if directory_urls:
        return claim_url(claim_id, True, version, root) + "index.html"
    return claim_url(claim_id, False, version, root)


def versions(claim: Claim) -> list[str]:
    """The languages the claim has a page in besides its own (its ``texts``' languages)."""
    return versions_of(claim)


def claim_own(claim: Claim) -> str:
    """The claim's own language as written (a claim given in several languages names it)."""
    return translations.base_lang(claim.lang) if claim.lang else ""


def version_reviews(
    site: Site,
    publisher: str,
    site_url: str,
    directory_urls: bool,
    dates: dict[str, str],
) -> dict[str, list[dict[str, Any]]]:
    """Per claim written in several languages: the ClaimReview of each of its other
    language pages, in language order (``inLanguage`` and ``url`` its own)."""
    found: dict[str, list[dict[str, Any]]] = {}
    for claim_id, claim in sorted(site.claims.items()):
        for lang in versions(claim):
            shown = translations.localized(claim, lang, claim_own(claim))[0]
            url = site_url + claim_url(claim_id, directory_urls, lang)
            review = claim_review(shown, site, url, publisher, lang, dates.get(claim_id, ""))
            found.setdefault(claim_id, []).append(review)
    return found


@dataclass(frozen=True)
class Discussion:
    """A page that boxes or mentions a claim: its title and site-relative URL."""

    title: str
    url: str


@dataclass(frozen=True)
class SearchDoc:
    """What the search index keeps of a claim page: a build holds thousands at once,
    so not the page's body."""

    claim_id: str
    title: str
    text: str
    version: str = ""  # a language besides the claim's own (see :func:`claim_url`)


@dataclass
class ClaimPage:
    claim_id: str
    lang: str
    title: str
    description: str
    body: str
    head: str
    search_text: str
    version: str = ""

    def search_doc(self) -> SearchDoc:
        return SearchDoc(self.claim_id, self.title, self.search_text, self.version)


class ClaimPageMaker:
    """Composes claim page bodies straight from the renderer.

    The same :class:`~explainers.page.renderer.Renderer` methods and numbering
    (:class:`~explainers.cite.Citations`) as an article's box, unconfirmed section
    and source list, without a Markdown pass: a large site has thousands of these.
    """

    def __init__(
        self,
        site: Site,
        renderer: type[Renderer],
        labels: dict[str, dict[str, str]],
        publisher: str,
        site_url: str,
        directory_urls: bool = True,
        root: str = "",
    ) -> None:
        self.root = root  # the language's folder in a site of several: "" or "nb/"
        self.site = site
        self.renderer = renderer
        self.labels = labels
        self.publisher = publisher
        self.site_url = site_url
        self.directory_urls = directory_urls

    def page(
        self,
        claim: Claim,
        lang: str,
        discussed: Iterable[Discussion],
        review: dict[str, Any] | None = None,
        version: str = "",
    ) -> ClaimPage:
        """The claim's page; ``review``: its site-wide ClaimReview, if the host made it;
        ``version``: one of the other languages the claim is written in (:func:`versions`)."""
        labels = Labels(lang, self.labels)
        url = claim_url(claim.id, self.directory_urls, version, self.root)
        public = (self.site_url + url) if self.site_url else url
        renderer = self.renderer(self.site, labels, PageInfo(lang, public))
        cites = Citations()
        shown = renderer.local(claim)
        title = fieldmd.plain(shown.claim)
        index = esc(relative_url(self.root + CLAIMS_DIR + "/", url))
        parts = [
            f'<nav class="xp-crumbs" aria-label="{esc(labels["claims_index"])}">'
            f'<a href="{index}">{esc(labels["claims_index"])}</a></nav>',
            f"<h1>{esc(title)}</h1>",
        ]
        others = versions(claim)
        alternates = ""
        if others:
            own = claim_own(claim) or lang
            pairs = [(own, claim_url(claim.id, self.directory_urls, root=self.root))] + [
                (v, claim_url(claim.id, self.directory_urls, v, self.root)) for v in others
            ]
            parts.append(_switch(pairs, lang, url, labels, self.labels))
            alternates = "\n".join(
                f'<link rel="alternate" hreflang="{esc(v)}" '
                f'href="{esc(self.site_url + u if self.site_url else relative_url(u, url))}">'
                for v, u in pairs
            )
        parts.append(renderer.claim_box(claim, cites.cite, True))
        links = [
            f'<li><a href="{esc(relative_url(d.url, url))}">{esc(d.title)}</a></li>'
            for d in discussed
        ]
        if links:
            parts.append(
                f'<h2 id="discussed-in">{esc(labels["discussed_in"])}</h2>\n'
                f'<ul class="xp-discussed">{"".join(links)}</ul>'
            )
        if not self.site.settled(claim):
            body = renderer.unconfirmed_list([claim], {claim.id})
            parts.append(_section("unconfirmed", labels["unconfirmed"], body, "data-unconfirmed"))
        if cites.numbers:
            body = renderer.source_list(cites.in_order(), cites.numbers, cites.spots)
            parts.append(_section("sources", labels["sources"], body))
        summary, search_text = self._search_text(claim, shown, lang)
        review = review or claim_review(shown, self.site, public, self.publisher, lang)
        head = jsonld_script([review])
        return ClaimPage(
            claim.id,
            lang,
            title,
            summary[:300] or title,
            "\n".join(parts) + "\n",
            f"{alternates}\n{head}" if alternates else head,
            search_text,
            version,
        )

    def search_doc(self, claim: Claim, lang: str) -> SearchDoc:
        """What the search index keeps of the claim's page (:meth:`page`'s
        :meth:`~ClaimPage.search_doc`), without making the page: a page the last build
        wrote from the same inputs stays as it is, and is listed all the same."""
        labels = Labels(lang, self.labels)
        url = claim_url(claim.id, self.directory_urls, root=self.root)
        public = (self.site_url + url) if self.site_url else url
        shown = self.renderer(self.site, labels, PageInfo(lang, public)).local(claim)
        return SearchDoc(
            claim.id, fieldmd.plain(shown.claim), self._search_text(claim, shown, lang)[1]
        )

    def _search_text(self, claim: Claim, shown: Claim, lang: str) -> tuple[str, str]:
        """The claim's summary as plain text, and what the search index keeps of its page."""
        verdict = self.site.scale.get(claim.status)
        label = verdict.label(lang) if verdict else claim.status
        summary = fieldmd.plain(shown.summary)
        return summary, " ".join(p for p in (label + ".", summary, shown.claimant) if p)


def _switch(
    links: list[tuple[str, str]],
    lang: str,
    url: str,
    labels: Labels,
    overrides: dict[str, dict[str, str]],
) -> str:
    """The visible language switch of a claim written in several languages: each
    language named in itself, the page's own marked as current."""
    items = []
    for other, target in links:
        name = esc(Labels(other, overrides)["language_name"])
        if other == lang:
            items.append(f'<li><span aria-current="page" lang="{esc(other)}">{name}</span></li>')
        else:
            href = esc(relative_url(target, url))
            items.append(
                f'<li><a href="{href}" hreflang="{esc(other)}" lang="{esc(other)}">{name}</a></li>'
            )
    return (
        f'<nav class="xp-langs" aria-label="{esc(labels["other_languages"])}">'
        f"<ul>{''.join(items)}</ul></nav>"
    )


def _section(kind: str, heading: str, body: str, extra: str = "") -> str:
    """A section as the extension places it on an article (kept out of search)."""
    hid = HEADING_IDS[kind]
    attrs = f" {extra}" if extra else ""
    return (
        f'<section class="xp-{kind}" data-search-exclude{attrs} aria-labelledby="{hid}">'
        f'<h2 id="{hid}">{esc(heading)}</h2>\n{body}\n</section>'
    )


def fill(shell: str, page: ClaimPage, theme_lang: str) -> str:
    """The shell filled in for one claim page."""
    values = {
        SLUG: page.claim_id,
        TITLE: esc(page.title),
        DESCRIPTION: esc(page.description),
        CONTENT: page.body,
    }
    # the shell split at its markers once (ten thousand pages, one shell): a search for
    # the markers through each page's copy cost most of the filling
    pieces = _pieces(shell)
    html = "".join([values[p] if n % 2 else p for n, p in enumerate(pieces)])
    if page.lang != theme_lang:
        html = _LANG_RE.sub(f'<html lang="{page.lang}"', html, count=1)
    # for <html lang> after instant navigation, then the page's own head: at the first
    # </head>, in this order (as with_lang_meta and a replace after it would put them)
    extra = lang_meta(page.lang) + "\n" + (page.head + "\n" if page.head else "")
    return html.replace("</head>", extra + "</head>", 1)


@functools.lru_cache(maxsize=16)
def _pieces(shell: str) -> tuple[str, ...]:
    """``shell`` as text and markers in turn (text first and last)."""
    return tuple(_MARKS_SPLIT_RE.split(shell))


def sitemap_with(
    xml: str,
    site_url: str,
    claims: Iterable[Claim],
    directory_urls: bool = True,
    root: str = "",
    memo: dict[str, tuple[Claim, str]] | None = None,
) -> str:
    """``sitemap.xml`` with one ``<url>`` per claim page, before the closing tag.
    ``memo``: each claim's entries of the last call with the same URLs, by claim object
    (under ``serve``: an edit of one data file leaves the others' claims as they were)."""
    entries = []
    made: dict[str, tuple[Claim, str]] = {}
    for claim in claims:
        found = memo.get(claim.id) if memo is not None else None
        if found is not None and found[0] is claim:
            made[claim.id] = found
            entries.append(found[1])
            continue
        start = len(entries)
        last = last_change(claim)
        mod = f"\n         <lastmod>{last}</lastmod>" if last else ""
        for version in ["", *versions(claim)]:
            url = claim_url(claim.id, directory_urls, version, root)
            loc = escape((site_url or "/") + url, quote=False)
            entries.append(f"    <url>\n         <loc>{loc}</loc>{mod}\n    </url>\n")
        made[claim.id] = (claim, "".join(entries[start:]))
    if memo is not None:
        memo.clear()
        memo.update(made)
    if not entries or "</urlset>" not in xml:
        return xml
    return xml.replace("</urlset>", "".join(entries) + "</urlset>", 1)


def last_change(claim: Claim) -> str:
    """The latest full date among the claim's history and review (YYYY-MM-DD), or ''."""
    dates = [h.date for h in claim.history] + [claim.reviewed]
    full = [d for d in dates if len(d) == 10]
    return max(full) if full else ""


def gzip_like(data: bytes, previous: bytes | None) -> bytes:
    """Gzip ``data`` with the header time of ``previous`` (for byte-identical builds)."""
    mtime = int.from_bytes(previous[4:8], "little") if previous and len(previous) > 8 else 0
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=mtime, filename="") as handle:
        handle.write(data)
    return buffer.getvalue()


#: a claim page's entry in a search index as JSON, by the SearchDoc it is made of
SearchMemo = dict[int, tuple[SearchDoc, str]]
#: the host's own entries as the rewritten index holds them, by a digest of their text
#: in the host's index (and the language folder): under ``serve`` the host writes its
#: index anew each build, its entries mostly as they were
HostMemo = dict[bytes, str]
_DOCS = "\0explainers: the docs\0"  # where the entries go in the index's JSON
#: characters of a host's entry past which it is written member by member (see
#: :func:`_long_entry`): an index page's, not an article section's (a few thousand)
LONG_ENTRY = 1 << 16


def _json(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def search_index_with(
    text: str,
    pages: Iterable[SearchDoc],
    directory_urls: bool = True,
    root: str = "",
    memo: SearchMemo | None = None,
) -> str:
    """A search index (MkDocs' and Material's format) with one entry per claim page.

    Entries left by an earlier build for claim pages are replaced, so a rebuild
    never lists a claim twice. ``memo``: each page's entry as JSON, from the last call
    (under ``serve``: most pages are the same objects), replaced by this call's.
    """
    before, docs, after = _index_parts(json.loads(text), pages, directory_urls, root, memo)
    return before + "[" + ",".join(docs) + "]" + after


def write_search_index_with(
    path: Path,
    pages: Iterable[SearchDoc],
    directory_urls: bool = True,
    root: str = "",
    memo: SearchMemo | None = None,
    hosts: HostMemo | None = None,
) -> None:
    """The search index at ``path`` rewritten as :func:`search_index_with` makes it,
    read and written entry by entry: on a large site the index is tens of megabytes,
    and parsed whole (then encoded again) it was the claim pages' memory peak. Written
    beside and moved over the index at the end; an index of another shape is parsed
    whole, as before. ``hosts``: the host's entries as the last call wrote them (see
    :data:`HostMemo`), replaced by this call's."""
    pages = list(pages)
    temp = path.with_name(path.name + ".explainers-new")
    try:  # read a piece at a time (text_window): the whole file was the claim pages' peak
        with path.open(encoding="utf-8") as given, temp.open("w", encoding="utf-8") as out:
            text = TextWindow(given)
            made = _stream_index(text, out, pages, directory_urls, root, memo, hosts)
    except (ValueError, IndexError):  # not the usual shape (or not JSON): parsed whole
        temp.unlink(missing_ok=True)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    else:
        os.replace(temp, path)
        if memo is not None:
            memo.clear()
            memo.update(made)
        return
    data = json.loads(path.read_text("utf-8"))
    before, docs, after = _index_parts(data, pages, directory_urls, root, memo)
    del data
    with path.open("w", encoding="utf-8") as out:
        out.write(before + "[")
        for n, doc in enumerate(docs):
            out.write("," + doc if n else doc)
        out.write("]" + after)


class _OtherShape(ValueError):
    """A search index not of the usual shape: the rewrite parses it whole instead. Never
    shown to an editor (not one of the messages the format reference lists)."""


def _stream_index(
    text: TextWindow,
    out: TextIO,
    pages: list[SearchDoc],
    directory_urls: bool,
    root: str,
    memo: SearchMemo | None,
    hosts: HostMemo | None = None,
) -> SearchMemo:
    """Write the index ``text`` with the claim pages' entries (the text
    :func:`search_index_with` makes) to ``out``, one entry decoded at a time; the
    entries made, for the memo. ValueError or IndexError: not an object with one
    ``docs`` list (the caller parses it whole). ``hosts``: the host's entries as
    written last time, by their text's digest: one found there is not encoded again
    (the host's index holds them escaped otherwise than this text: encoding them was
    most of the rewrite); replaced by this call's once it succeeds."""
    decode, skip = text.decode, text.skip
    seen: HostMemo = {}
    where = root.encode("utf-8", "surrogatepass") + b"\0"

    def expect(at: int, char: str) -> int:
        if text.char(at) != char:
            raise _OtherShape(f"{char} expected at {at}")
        return skip(at + 1)

    head: dict[str, Any] = {}
    tail: dict[str, Any] | None = None  # the keys after ``docs``, once it is written
    made: SearchMemo = {}
    at = expect(skip(0), "{")
    while True:
        key, at = decode(at)
        if not isinstance(key, str) or key in head or (tail is not None and key in tail):
            raise _OtherShape("not an index of the usual shape")
        at = expect(skip(at), ":")
        if key == "docs":
            if tail is not None:
                raise _OtherShape("two docs lists")
            out.write(_json({**head, "docs": _DOCS}).partition(_json(_DOCS))[0] + "[")
            at = expect(at, "[")
            count = 0
            while text.char(at) != "]":
                text.drop(at)
                short = text.decode_within(at, LONG_ENTRY) if hosts is None else None
                if short is None and hosts is None:  # an index page's entry, say
                    long = _long_entry(text, at, out, "," if count else "", root)
                    if long is not None:
                        end, wrote = long
                        count += wrote
                        at = skip(end)
                        if text.char(at) == ",":
                            at = skip(at + 1)
                        elif text.char(at) != "]":
                            raise _OtherShape(f"] expected at {at}")
                        continue
                doc, end = short or decode(at)
                if hosts is not None:  # a claim page's entry is never kept there
                    digest = hashlib.sha256(where + text.slice(at, end).encode("utf-8")).digest()
                    entry = seen[digest] = hosts.get(digest) or _host_entry(doc, root)
                else:
                    entry = _host_entry(doc, root)
                if entry:
                    out.write("," + entry if count else entry)
                    count += 1
                at = skip(end)
                if text.char(at) == ",":
                    at = skip(at + 1)
                elif text.char(at) != "]":
                    raise _OtherShape(f"] expected at {at}")
            at = skip(at + 1)
            for page in pages:
                found = _claim_doc(page, directory_urls, root, memo)
                if memo is not None:  # else each entry goes once written
                    made[id(page)] = found
                out.write("," + found[1] if count else found[1])
                count += 1
            out.write("]")
            tail = {}
        else:
            value, at = decode(at)
            (head if tail is None else tail)[key] = value
            at = skip(at)
        if text.char(at) == "}":
            break
        at = expect(at, ",")
    if tail is None or not text.at_end(at + 1):
        raise _OtherShape("not an index of the usual shape")
    out.write(_json({"docs": _DOCS, **tail}).partition(_json(_DOCS))[2])
    if hosts is not None:
        hosts.clear()
        hosts.update(seen)
    return made


def _long_entry(
    text: TextWindow, at: int, out: TextIO, lead: str, root: str
) -> tuple[int, bool] | None:
    """The host's entry at ``at``, longer than :data:`LONG_ENTRY`, written to ``out``
    after ``lead`` as :func:`_host_entry` makes it, member by member, a long string
    a piece at a time (the sources index page's text, 1.5 M characters at N=1,000,
    decoded whole then encoded again, was some 10 MiB of the rewrite's peak): the
    offset after it and whether it was written (a claim page's is not). None where a
    long value comes before the entry's ``location`` (nothing written: the caller
    decodes it whole)."""
    skip = text.skip
    if text.char(at) != "{":
        return None
    at = skip(at + 1)
    doc: dict[str, Any] = {}  # the members before the first long one
    keep: bool | None = None  # None: nothing written yet
    while text.char(at) != "}":
        key, at = text.decode(at)
        if not isinstance(key, str):
            raise _OtherShape("not an entry of the usual shape")
        at = skip(at)
        if text.char(at) != ":":
            raise _OtherShape(f": expected at {at}")
        at = skip(at + 1)
        found = text.decode_within(at, LONG_ENTRY) if text.char(at) == '"' else text.decode(at)
        if key in doc and (found is None or keep is not None):  # a key again, written
            raise _OtherShape("a key twice")  # json.loads' reading: the index parsed whole
        if found is None:  # a long string
            if keep is None:
                if "location" not in doc:
                    return None
                keep = not is_claim_location(str(doc["location"]), root)
                if keep:
                    out.write(lead + (_json(doc)[:-1] + "," if doc else "{"))
            elif keep:
                out.write(",")
            doc[key] = None
            if keep:
                out.write(_json(key) + ':"')
                at = text.copy_string(at, lambda piece: out.write(_json(piece)[1:-1]))
                out.write('"')
            else:
                at = text.copy_string(at, len)
        else:
            value, at = found
            if keep:
                out.write(f",{_json(key)}:{_json(value)}")
            doc[key] = value if keep is None else None
        at = skip(at)
        if text.char(at) == ",":
            at = skip(at + 1)
        elif text.char(at) != "}":
            raise _OtherShape(f"}} expected at {at}")
    if keep is None:  # no member was long: written as the others are
        entry = _host_entry(doc, root)
        out.write(lead + entry if entry else "")
        return at + 1, bool(entry)
    if keep:
        out.write("}")
    return at + 1, keep


def _host_entry(doc: Any, root: str) -> str:
    """A host's entry as the rewritten index holds it; "" for an earlier build's entry of
    a claim page (this build's replace it)."""
    if is_claim_location(str(doc.get("location", "")), root):
        return ""
    return _json(doc)


def _claim_doc(
    page: SearchDoc, directory_urls: bool, root: str, memo: SearchMemo | None
) -> tuple[SearchDoc, str]:
    """A claim page's entry as JSON (the memo's, while the page is the same object)."""
    found = memo.get(id(page)) if memo is not None else None
    if found is None or found[0] is not page:
        location = claim_url(page.claim_id, directory_urls, page.version, root)
        found = (page, _json({"location": location, "title": page.title, "text": page.text}))
    return found


def _index_parts(
    data: dict[str, Any],
    pages: Iterable[SearchDoc],
    directory_urls: bool,
    root: str,
    memo: SearchMemo | None,
) -> tuple[str, list[str], str]:
    """The index's JSON before its entries, each entry's JSON, and the JSON after them
    (the same text as json.dumps of the whole, each entry encoded once)."""
    own = [
        d for d in data.get("docs", []) if not is_claim_location(str(d.get("location", "")), root)
    ]
    docs = [_json(own)[1:-1]] if own else []  # the host's entries, encoded at once
    del own
    data["docs"] = _DOCS  # the parsed entries are let go here
    made: SearchMemo = {}
    for page in pages:
        found = _claim_doc(page, directory_urls, root, memo)
        made[id(page)] = found
        docs.append(found[1])
    if memo is not None:
        memo.clear()
        memo.update(made)
    before, _, after = _json(data).partition(_json(_DOCS))
    return before, docs, after


def is_claim_location(location: str, root: str = "") -> bool:
    """A claim page's own location (``claims/<id>/`` or ``claims/<id>.html``), not the index."""
    path = location.split("#", 1)[0]
    if not path.startswith(root):
        return False
    path = path[len(root) :]
    if not path.startswith(CLAIMS_DIR + "/"):
        return False
    rest = path[len(CLAIMS_DIR) + 1 :]
    name = rest[:-1] if rest.endswith("/") else rest.removesuffix(".html")
    name, _, version = name.partition("/")  # a language version: claims/<id>/<lang>/
    if version and not translations.is_lang_code(version):
        return False
    return bool(name) and name != "index" and rest not in ("", "index.html")
