"""Test helpers: summarise the contract's HTML hooks of a rendered page as text lines."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import markdown
from bs4 import BeautifulSoup, Tag

from explainers.data.load import load_site
from explainers.page.extension import ExplainersExtension, PageContext

FIXTURES = Path(__file__).parent / "fixtures"
SITES = FIXTURES / "sites"
#: True under `make mutation` (mutmut runs the tests from its copy, mutants/tests).
MUTATION = Path(__file__).parent.parent.name == "mutants"
MATERIAL_EXTENSIONS = [
    "admonition",
    "attr_list",
    "footnotes",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.tabbed",
]


def fixture_site():
    data = FIXTURES / "data"
    loaded = load_site(data, data / "claims", data / "sources")
    assert not loaded.report.errors, loaded.report.errors
    return loaded.site


def render(text: str, lang: str = "en", site=None) -> tuple[str, ExplainersExtension]:
    ext = ExplainersExtension(site=site or fixture_site(), lang="en")
    ext.page = PageContext(lang=lang, src_uri="page.md")
    html = markdown.markdown(
        text,
        extensions=[ext, *MATERIAL_EXTENSIONS],
        extension_configs={"pymdownx.tabbed": {"alternate_style": True}},
    )
    return html, ext


def _inside(tag: Tag, selector: str) -> bool:
    return any(parent.has_attr(selector) for parent in tag.parents if isinstance(parent, Tag))


def index_entries(html: str) -> list[str]:
    """The claims index's entries and their hooks (``data-claim``, ``data-status``), in
    order. Only the MkDocs plugin's index has them: ``explainers pages`` writes the index
    as a Markdown list, so this is not among :func:`hooks`, which every host shares."""
    soup = BeautifulSoup(html, "html.parser")
    return [
        f"{li.get('data-claim')} {li.get('data-status')}"
        for li in soup.select(".xp-claims-list > li, .xp-claims-index > li")
    ]


def hooks(html: str) -> list[str]:
    """The page's hooks in document order, one line each."""
    soup = BeautifulSoup(html, "html.parser")
    out: list[str] = []
    for tag in soup.find_all(True):
        if tag.name == "a" and tag.has_attr("data-cite"):
            where = (
                "box "
                if _inside(tag, "data-claim")
                else "post "
                if _inside(tag, "data-post")
                else ""
            )
            out.append(f"{where}cite {tag['data-cite']} {tag.get_text()} #{tag.get('id')}")
        elif tag.name == "a" and tag.has_attr("data-claim-ref"):
            out.append(f"mention {tag['data-claim-ref']} -> {tag.get('href')}")
        elif tag.has_attr("data-claim") and tag.get("id", "").startswith("claim-"):
            out.append(f"box {tag['data-claim']} {tag['data-status']}")
        elif tag.has_attr("data-post"):
            out.append(f"post {tag['data-post']}")
        elif tag.has_attr("data-unconfirmed"):
            items = [li["data-claim"] for li in tag.select("[data-claim]")]
            out.append("unconfirmed " + " ".join(items))
        elif tag.name == "ol" and tag.has_attr("data-sources"):
            for li in tag.find_all("li", recursive=False):
                backs = " ".join(a["href"] for a in li.select("a.xp-source__back"))
                number = li.select_one(".xp-source__number").get_text()
                out.append(f"source {number} {li['data-source']} <- {backs}")
        elif tag.name == "code":
            out.append(f"code {tag.get_text()}")
    for string in soup.find_all(string=True):
        if (
            "[@" in string or ":claim[" in string or "::" in string
        ) and string.parent.name != "code":
            out.append(f"text {string.strip()}")
    return out


BLOCKS = ("h1", "h2", "h3", "p", "li", "figcaption", "summary", "dt", "dd", "td", "th")
#: quotes get a line of their own (inside a block that also speaks)
QUOTE_BLOCKS = (*BLOCKS, "q")


def _words(tag: Tag) -> str:
    return " ".join(tag.get_text().replace("¶", "").split())


def _label(tag: Tag) -> str:
    classes = [c for c in tag.get("class", []) if c.startswith("xp-")]
    return tag.name + (f".{classes[0]}" if classes else "")


def reader_view(html: str) -> list[str]:
    """What a reader sees, block by block in page order: ``tag.class: text`` for each
    innermost block (paragraph, list item, heading...), plus the hooks of
    :func:`hooks` that carry ids and links. For snapshots that catch a wrong word."""
    soup = BeautifulSoup(html, "html.parser")
    for br in soup.find_all("br"):
        br.replace_with(" / ")
    out: list[str] = []
    for tag in soup.find_all(QUOTE_BLOCKS):
        if tag.name != "q" and tag.find(BLOCKS):  # an outer block: its inner blocks speak for it
            own = "".join(s for s in tag.find_all(string=True, recursive=False)).strip()
            if tag.name != "li" or not own:
                continue
        text = _words(tag)
        if text:
            out.append(f"{_label(tag)}: {text}")
    return out


VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _Balance(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.ok = True

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack.pop() != tag:
            self.ok = False


def well_formed(html: str) -> bool:
    """The HTML parses with every element closed in the order it was opened."""
    parser = _Balance()
    parser.feed(html)
    parser.close()
    return parser.ok and not parser.stack
