"""One truth: ``explainers check`` validates exactly the references the page renders.

- ``fixtures/trust/check.md``: each case is an article; the expected block lists the
  references the page renders with their ``line:col`` (and locator), then every
  diagnostic ``check`` prints for it (data: ``fixtures/data``).
- A differential test renders generated pages that mix every code form, list,
  admonition, tab, HTML block and the syntax, and asserts that what ``check``
  reports is what the built page contains.
- ``fixtures/trust/repro/`` is a site with the reproductions of issue 11 §1, built
  with ``mkdocs build``: content errors, never a traceback.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it.utils import read_fixture_file

from explainers.data.cache import Cache
from explainers.data.diagnostics import Report
from explainers.data.model import Site
from explainers.hosts.mkdocs_yml import markdown_config
from explainers.page.article_check import _pattern, check_page
from explainers.page.article_render import MarkdownConfig, PageRenderer, markdown_body
from explainers.page.extension import ExplainersExtension, PageContext, RenderedRef

from helpers import FIXTURES, fixture_site
from sitebuild import build, log_lines, mkdocs

CASES = read_fixture_file(FIXTURES / "trust" / "check.md")
#: the demo's markdown_extensions, read as mkdocs.yml gives them
DEMO_MARKDOWN = yaml.safe_load(
    """
- admonition
- attr_list
- footnotes
- md_in_html
- tables
- toc:
    permalink: true
- pymdownx.details
- pymdownx.superfences
- pymdownx.tabbed:
    alternate_style: true
"""
)
CONFIG = markdown_config(DEMO_MARKDOWN)
RENDERER = PageRenderer(CONFIG)
SITE = fixture_site()


def check(text: str) -> tuple[list[str], Report]:
    report = Report()
    facts = check_page(text, "page.md", "content/page.md", RENDERER.refs(text), SITE, "en", report)
    assert facts is not None
    refs = [
        f"{r.kind} {r.id} {r.line}:{r.col}" + (f" [{r.locator}]" if r.locator else "")
        for r in facts.refs
    ]
    return refs, report


@pytest.mark.parametrize(("line", "title", "text", "expected"), CASES, ids=[c[1] for c in CASES])
def test_check_reports_what_the_page_renders(
    line: int, title: str, text: str, expected: str
) -> None:
    refs, report = check(text)
    assert "".join(f"{item}\n" for item in [*refs, *map(str, report.sorted())]) == expected


def test_markdown_config_is_read_as_mkdocs_reads_it() -> None:
    from mkdocs.config.config_options import MarkdownExtensions

    option = MarkdownExtensions(builtins=["toc", "tables", "fenced_code"], configkey="mdx_configs")
    names = option.validate(yaml.safe_load(yaml.safe_dump(DEMO_MARKDOWN)))
    assert CONFIG.extensions == names
    assert CONFIG.configs == option.configdata


def test_python_tags_in_markdown_options_are_resolved(tmp_path: Path) -> None:
    from explainers.hosts.mkdocs_yml import read_site_config

    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nextra: !ENV [HOME, x]\nmarkdown_extensions:\n"
        "  - toc:\n      slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}\n"
        "  - pymdownx.superfences:\n      custom_fences:\n        - name: mermaid\n"
        "          class: mermaid\n          format: !!python/name:pymdownx.superfences.fence_code_format\n"
    )
    config = read_site_config(tmp_path).markdown
    fence = config.configs["pymdownx.superfences"]["custom_fences"][0]
    from pymdownx.superfences import fence_code_format

    assert fence["format"] is fence_code_format
    assert callable(config.configs["toc"]["slugify"])
    html, _ = PageRenderer(config).render("```mermaid\n[@a]\n```\n\n# Ab Cd [@a]\n")
    assert 'id="ab-cd' in html and 'class="mermaid"' in html


def test_unknown_ids_render_inert_never_as_a_link_without_href() -> None:
    html, _ = RENDERER.render("[@nope] :claim[nope]\n\n::claim[nope]\n\n::post[nope]\n")
    soup = BeautifulSoup(html, "html.parser")
    assert [a for a in soup.find_all("a") if not a.has_attr("href")] == []
    assert [
        (t.name, t.get("data-cite") or t.get("data-claim-ref")) for t in soup.select(".xp-unknown")
    ] == [
        ("span", "nope"),
        ("span", "nope"),
    ]


def test_a_locator_shows_as_plain_text() -> None:
    ext = ExplainersExtension(site=SITE)
    html = markdown.markdown("[@a, <b>p. 4</b>] [@b, `§ 2`] [@c, x\\*y & z]", extensions=[ext])
    texts = [a.get_text() for a in BeautifulSoup(html, "html.parser").select("a[data-cite]")]
    assert texts == ["[1, p. 4]", "[2, § 2]", "[3, x*y & z]"]
    assert [(r.id, r.locator) for r in ext.result.refs] == [
        ("a", "p. 4"),
        ("b", "§ 2"),
        ("c", "x*y & z"),
    ]


# -- MkDocs' own front matter rule --------------------------------------------------

front_lines = st.lists(
    st.sampled_from(
        ["---", "...", "title: T", "Title: a [@a]", "    more", "", "x", "- a", "key: [", "# H"]
    ),
    max_size=8,
)


@settings(max_examples=300, deadline=None)
@given(front_lines)
def test_the_body_is_what_mkdocs_renders(lines: list[str]) -> None:
    from mkdocs.utils.meta import get_data

    text = "\n".join(lines) + "\nBody [@a]\n"
    body, skipped = markdown_body(text)
    assert body == get_data(text)[0]
    assert text.split("\n")[skipped:] == body.split("\n")


# -- any text: diagnostics, never a traceback; every reference where the source has it -----

markdown_text = st.text(alphabet="abc-_ \n\t[]@;,:\\`*#>!=|()<>/&{}~", max_size=300)


@settings(max_examples=300, deadline=None)
@given(markdown_text)
def test_any_text_is_checked_and_positioned(text: str) -> None:
    report = Report()
    facts = check_page(text, "page.md", "content/page.md", RENDERER.refs(text), SITE, "en", report)
    assert facts is not None
    lines = text.split("\n")
    for ref in facts.refs:
        at = lines[ref.line - 1][ref.col - 1 :]
        assert _pattern(RenderedRef(ref.kind, ref.id)).match(at), (ref, at)
    for diagnostic in report.items:
        assert not re.search(r"[\x00-\x08\x0b-\x1f]", diagnostic.message), diagnostic


# -- differential: what check reports is what the page shows -------------------------

KNOWN = {"cite": ["a", "b", "c", "d", "post1"], "claim": ["open", "closed", "contested"]}
syntax = st.sampled_from(
    [
        "[@a]",
        "[@b, p. 1]",
        "[@c; @nope]",
        "[@d, <b>p. 4</b>]",
        "[@a](https://example.org)",
        "\\[@a]",
        ":claim[open]",
        ":claim[ghost]",
        "\\:claim[open]",
        "text::claim[open]",  # the block form inside a line: not a mention
        "[the report [@b]](https://example.org)",
        "`[@a]`",
        "``:claim[closed]``",
    ]
)
directive = st.sampled_from(
    [
        "::claim[open]",
        "::claim[closed]",
        "::claim[ghost]",
        "::post[post1]",
        "::post[nope]",
        "::unconfirmed",
        "::sources",
    ]
)


@st.composite
def paragraph(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.one_of(syntax, st.sampled_from(["text", "more", "*em*"])), max_size=5))
    return " ".join(words) or "text"


@st.composite
def block(draw: st.DrawFn, depth: int = 0) -> str:
    inner = paragraph() if depth >= 2 else st.one_of(paragraph(), directive, block(depth + 1))
    body = draw(inner)
    indent = " " * draw(st.sampled_from([0, 2, 4, 6, 8]))
    forms = [
        "{b}",
        "{b}",
        "```\n{b}\n```",
        "```\n{b}",  # unclosed fence
        "~~~text\n{b}\n~~~",
        "    {b}",  # indented code (after a blank line)
        "- item\n" + indent + "{b}",
        "- item\n\n" + indent + "{b}",
        "1. one\n    - two\n" + indent + "{b}",
        "> {b}",
        "!!! note\n    {b}",
        '??? tip "More"\n    {b}',
        '=== "Tab"\n\n    {b}',
        "<div markdown>\n\n{b}\n\n</div>",
        "<div>\n{b}\n</div>",
        "<div>\n\n{b}",  # unclosed raw HTML block
        "</div>\n*foo*\n{b}",  # a closing tag opens no raw HTML block (CommonMark example 151)
        "text\n</section>\n{b}",  # ... nor ends a paragraph
        "<!-- {b} -->",
        "| a | b |\n|---|---|\n| {b} | x |",
        "Text[^1]\n\n[^1]: {b}",
        "Title: {b}",  # metadata when it is the first block
    ]
    form = draw(st.sampled_from(forms))
    return form.replace(
        "{b}", body.replace("\n", "\n" + " " * (4 if form[:3] in ("!!!", "???", "===") else 0))
    )


front_matter = st.sampled_from(
    ["", "---\ntitle: T\n---\n", "---\n- [@b]\n---\n", "---\ntitle: [@c\n---\n\n"]
)
pages = st.tuples(front_matter, st.lists(block(), min_size=1, max_size=6)).map(
    lambda parts: parts[0] + "\n\n".join(parts[1]) + "\n"
)
EXAMPLES = int(os.environ.get("DIFFERENTIAL_EXAMPLES", "250"))


def built_page(text: str) -> str:
    """The page as the build renders it: real data, the same Markdown configuration,
    front matter stripped by MkDocs itself."""
    from mkdocs.utils.meta import get_data

    ext = ExplainersExtension(site=SITE)
    ext.page = PageContext(src_uri="page.md")
    md = markdown.Markdown(extensions=[*CONFIG.extensions, ext], extension_configs=CONFIG.configs)
    return md.convert(get_data(text)[0])


def _inside_generated(tag: Tag) -> bool:
    return any(
        isinstance(p, Tag)
        and (p.has_attr("data-claim") or p.has_attr("data-post") or p.has_attr("data-sources"))
        for p in tag.parents
    )


def shown(html: str) -> Counter[tuple[str, str]]:
    """The references a reader sees, from the page's HTML hooks."""
    soup = BeautifulSoup(html, "html.parser")
    found: Counter[tuple[str, str]] = Counter()
    for tag in soup.find_all(True):
        if tag.has_attr("data-cite") and not _inside_generated(tag):
            found["cite", tag["data-cite"]] += 1
        elif tag.has_attr("data-claim-ref"):
            found["mention", tag["data-claim-ref"]] += 1
        elif tag.name == "section" and "xp-claim" in tag.get("class", []):
            found["claim", tag["data-claim"]] += 1
        elif tag.has_attr("data-post"):
            found["post", tag["data-post"]] += 1
    return found


SPELLED = {"cite": "@{}", "mention": ":claim[{}]", "claim": "::claim[{}]", "post": "::post[{}]"}


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages)
def test_check_reports_exactly_what_the_page_shows(text: str) -> None:
    report = Report()
    facts = check_page(text, "page.md", "content/page.md", RENDERER.refs(text), SITE, "en", report)
    assert facts is not None
    checked = Counter(
        (r.kind, r.id)
        for r in facts.refs
        if r.kind in ("cite", "mention")
        or r.id in KNOWN.get("cite" if r.kind == "post" else "claim", [])
    )
    assert checked == shown(built_page(text))
    lines = text.split("\n")
    errors = {(d.line, d.col) for d in report.errors}
    for ref in facts.refs:
        at = lines[ref.line - 1][ref.col - 1 :]
        assert at.startswith(SPELLED.get(ref.kind, "::{}").format(ref.id or ref.kind)), (ref, at)
        known = KNOWN["claim"] if ref.kind in ("claim", "mention") else KNOWN["cite"]
        if ref.kind not in ("unconfirmed", "sources") and ref.id not in known:
            assert (ref.line, ref.col) in errors, ref


# -- a real build of the reproductions ------------------------------------------------


def repro_site(tmp_path: Path) -> Path:
    root = tmp_path / "repro"
    shutil.copytree(FIXTURES / "trust" / "repro", root)
    return root


def messages(result, level: str) -> list[str]:
    return [re.sub(r"^\w+\s+-\s+", "", line) for line in log_lines(result, level)]


@pytest.mark.build
def test_content_problems_stop_the_build_with_positions_never_a_traceback(tmp_path: Path) -> None:
    root = repro_site(tmp_path)
    result = mkdocs(root, "build")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert messages(result, "ERROR") == [
        "content/list-indent.md:5:17: error: unknown source 'missing-source'",
        "content/list-indent.md:7:7: error: unknown claim 'no-such-claim'",
        "content/unclosed-fence.md:6:2: error: unknown source 'no-such-source'",
        "explainers: 3 content errors; nothing was built",
    ]
    assert messages(result, "WARNING") == [
        "content/raw-html.md:5:12: warning: [@report] would not render here (inside a raw "
        "HTML block that opens at line 3 and runs to its closing tag): close that block first",
        "content/raw-html.md:5:26: warning: [@paper] followed by (…) is a plain link on the "
        "page, not a citation: drop the link part to cite 'paper', or write \\[@paper] for "
        "the literal text",
    ]
    assert not (root / "site").exists()


@pytest.mark.build
def test_fixed_pages_build_and_show_what_was_checked(tmp_path: Path) -> None:
    root = repro_site(tmp_path)
    content = root / "content"
    (content / "unclosed-fence.md").write_text("# Fixed\n\nText [@report].\n\n[@paper] shown.\n")
    (content / "list-indent.md").write_text("# Fixed\n\n- item\n\n      indented [@paper] text\n")
    (content / "raw-html.md").write_text(
        "# Fixed\n\n<div markdown>\n\nShown [@report].\n\n</div>\n"
    )
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert log_lines(result, "WARNING") == []
    index = (root / "site" / "index.html").read_text("utf-8")
    assert "klzzwxh" not in index and ">[1, p. 4]</a>" in index
    for page in ("unclosed-fence", "list-indent", "raw-html"):
        html = (root / "site" / page / "index.html").read_text("utf-8")
        assert "[@" not in html, page


def test_renderer_without_site_records_what_the_real_site_renders() -> None:
    text = "[@a] [@nope] :claim[open]\n\n::claim[closed]\n\n::post[post1]\n\n::sources\n"
    ext = ExplainersExtension(site=SITE)
    markdown.markdown(text, extensions=[*CONFIG.extensions, ext], extension_configs=CONFIG.configs)
    assert ext.result.refs == RENDERER.refs(text)
    assert [r.kind for r in ext.result.refs] == [
        "cite",
        "cite",
        "mention",
        "claim",
        "post",
        "sources",
    ]


def test_default_renderer_is_mkdocs_defaults() -> None:
    assert MarkdownConfig().extensions == ["toc", "tables", "fenced_code"]


class CountingCache(Cache):
    """A cache that counts the entries asked for, per space."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.asked: Counter[str] = Counter()

    def get(self, space: str, ident: str, *args: Any, **kwargs: Any) -> Any:
        self.asked[space] += 1
        return super().get(space, ident, *args, **kwargs)


def _checked(text: str, site: Site, cache: Cache | None) -> list[str]:
    report = Report()
    rendered = RENDERER.refs(text)
    assert check_page(text, "page.md", "content/page.md", rendered, site, "en", report, cache)
    return [f"{d.line}:{d.col} {d.severity}: {d.message}" for d in report.items]


def test_a_warm_check_reads_one_cache_entry_a_page_and_says_the_same(tmp_path: Path) -> None:
    """A build checks every page against the cache: one entry a page (where the page's
    references are and its near misses), not two, and the same diagnostics as cold; near
    misses found against other source ids are found again."""
    text = "# T\n\nSee [@a] and [@nope]. The report @b says so, as @newsrc does.\n"
    cold = _checked(text, SITE, None)
    assert any("'@b' is not a citation" in line for line in cold), cold
    assert not any("@newsrc" in line for line in cold)
    first = CountingCache(tmp_path / "cache")
    assert _checked(text, SITE, first) == cold
    warm = CountingCache(tmp_path / "cache")  # a new build: read from the folder
    assert _checked(text, SITE, warm) == cold
    assert sum(warm.asked.values()) == 1, warm.asked
    newsrc = dataclasses.replace(SITE.sources["a"], id="newsrc")
    grown = dataclasses.replace(SITE, sources={**SITE.sources, "newsrc": newsrc}, memo={})
    again = CountingCache(tmp_path / "cache")
    with_new = _checked(text, grown, again)
    assert with_new == _checked(text, grown, None)
    assert any("'@newsrc' is not a citation" in line for line in with_new), with_new
    assert _checked(text, grown, CountingCache(tmp_path / "cache")) == with_new


def _checked_against(text: str, site: Site, cache: Cache, data_key: str) -> list[str]:
    report = Report()
    rendered = RENDERER.refs(text)
    facts = check_page(
        text, "page.md", "content/page.md", rendered, site, "en", report, cache, data_key=data_key
    )
    assert facts is not None
    return [f"{d.line}:{d.col} {d.severity}: {d.message}" for d in report.items]


def test_a_page_checked_against_the_same_data_says_the_same_without_checking_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build names its data (``data_key``): an unchanged page checked against the same
    data before reads its diagnostics from one entry, checking no reference again; new
    data, or an edit of the page, is checked, and a mistake it brings is reported."""
    from explainers.page import article_check

    calls: Counter[str] = Counter()
    real = article_check.check_ref

    def counting(*args: Any, **kwargs: Any) -> None:
        calls["check_ref"] += 1
        real(*args, **kwargs)

    monkeypatch.setattr(article_check, "check_ref", counting)
    text = "# T\n\n::claim[open]\n\nSee [@a] and [@nope]. The report @b says so.\n"
    cold = _checked(text, SITE, None)
    assert any("unknown source 'nope'" in line for line in cold), cold
    first = CountingCache(tmp_path / "cache")
    assert _checked_against(text, SITE, first, "data-1") == cold
    calls.clear()
    warm = CountingCache(tmp_path / "cache")  # the next build, same data
    assert _checked_against(text, SITE, warm, "data-1") == cold
    assert calls["check_ref"] == 0 and sum(warm.asked.values()) == 1, (calls, warm.asked)
    # the data changed (source 'a' is gone): the same page is checked again
    fewer = {i: s for i, s in SITE.sources.items() if i != "a"}
    gone = dataclasses.replace(SITE, sources=fewer, memo={})
    changed = _checked_against(text, gone, CountingCache(tmp_path / "cache"), "data-2")
    assert changed == _checked(text, gone, None)
    assert any("unknown source 'a'" in line for line in changed), changed
    assert calls["check_ref"] > 0
    # the page changed (a new mistake), the data did not: checked, reported
    edited = text + "\nAnd [@missing-one].\n"
    said = _checked_against(edited, SITE, CountingCache(tmp_path / "cache"), "data-1")
    assert any("unknown source 'missing-one'" in line for line in said), said
    assert said == _checked(edited, SITE, None)
