"""Property-based tests: no input makes the core raise, and every valid site builds."""

from __future__ import annotations

import re
import string

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from explainers.data import schema
from explainers.data.diagnostics import Report
from explainers.data.load import claim_from, source_from
from explainers.data.model import DEFAULT_SCALE, Site
from explainers.data.validation import check_entries, check_site
from explainers.data.yaml_reader import Mapping, read, to_plain
from explainers.page.extension import ExplainersExtension
from explainers.page.positions import scan

from helpers import MATERIAL_EXTENSIONS, MUTATION, fixture_site, render, well_formed


# Under mutation testing: fewer examples, the same ones every run (a kill must be repeatable).
def yaml_lines(text: str) -> int:
    """Lines as YAML counts them (NEL and the Unicode separators break lines too)."""
    return len(re.split("\r\n|[\n\r\x85\u2028\u2029]", text))


SETTINGS = settings(
    max_examples=15 if MUTATION else 150,
    derandomize=MUTATION,
    database=None if MUTATION else settings().database,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

yaml_text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=" \t\n-:[]{}&*!|>'\"%@`#,?abc0123\\\r\x85\u2028", max_size=300),
)
scalars = st.one_of(
    st.text(max_size=30), st.integers(), st.booleans(), st.none(), st.dates().map(str)
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)


@SETTINGS
@given(yaml_text)
def test_any_yaml_text_gives_diagnostics_never_a_traceback(text: str) -> None:
    report = Report()
    for kind in schema.KINDS:
        tree = read(text.encode("utf-8", "surrogatepass"), f"{kind}.yml", report)
        schema.check(tree, kind, f"{kind}.yml", report)
    for diagnostic in report.items:
        assert diagnostic.line >= 1 and diagnostic.col >= 1


@SETTINGS
@given(st.binary(max_size=200))
def test_any_bytes_give_diagnostics_never_a_traceback(data: bytes) -> None:
    report = Report()
    read(data, "x.yml", report)
    lines = yaml_lines(data.decode("utf-8", "replace"))
    for diagnostic in report.items:  # every problem is positioned inside the file
        assert diagnostic.path == "x.yml"
        assert 1 <= diagnostic.line <= lines and diagnostic.col >= 1, diagnostic


@SETTINGS
@given(documents, st.sampled_from(schema.KINDS))
def test_any_yaml_document_is_checked_without_a_traceback(document: object, kind: str) -> None:
    text = yaml.safe_dump(
        {kind: document} if not isinstance(document, dict) else document, allow_unicode=True
    )
    report = Report()
    tree = read(text.encode(), "f.yml", report)
    schema.check(tree, kind, "f.yml", report)
    site = Site()
    if isinstance(tree, Mapping):
        entries = tree.get(kind)
        items = [i for i in getattr(entries, "items", []) if isinstance(i, Mapping)]
        make = source_from if kind == "sources" else claim_from
        built = [make(i, "f.yml") for i in items]
        check_entries(kind, built, None, report)
        check_site(
            site, built if kind == "sources" else [], built if kind == "claims" else [], report
        )
        loaded = site.sources if kind == "sources" else site.claims
        assert set(loaded) <= {b.id for b in built}  # only what the file defines
        assert all(loaded[i].id == i for i in loaded)
    lines = yaml_lines(text)
    for diagnostic in report.items:
        assert diagnostic.path == "f.yml"
        assert 1 <= diagnostic.line <= lines and diagnostic.col >= 1, diagnostic


markdown_text = st.text(
    alphabet=string.ascii_letters + string.digits + " \n\t[]@;,:\\`*_#>!=-|()\"'<>/", max_size=400
)


@SETTINGS
@given(markdown_text)
def test_any_markdown_renders_and_scans(text: str) -> None:
    html, ext = render(text)
    refs = scan(text)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select("[data-xp]") == [], "every placeholder was rendered"
    ids = {tag["id"] for tag in soup.find_all(id=True)}
    for cite in soup.select("a[data-cite]"):  # each citation links to its list entry
        if "xp-unknown" not in cite["class"]:
            assert cite["href"] == f"#source-{cite['data-cite']}" and cite["href"][1:] in ids
    assert [li["data-source"] for li in soup.select("ol[data-sources] > li")] == ext.result.cited
    assert all(r.line >= 1 and r.col >= 1 for r in refs)


@SETTINGS
@given(
    st.lists(
        st.sampled_from(
            [
                "[@a]",
                "[@b, p. 1]",
                "[@c; @d]",
                "::claim[open]",
                ":claim[contested]",
                "::post[post1]",
                "::unconfirmed",
                "::sources",
                "text",
                "\n\n",
                "`[@a]`",
            ]
        ),
        max_size=20,
    )
)
def test_numbering_is_dense_and_in_first_appearance_order(parts: list[str]) -> None:
    html, ext = render(" ".join(parts))
    cited = ext.result.cited
    assert len(cited) == len(set(cited))
    assert well_formed(html)
    soup = BeautifulSoup(html, "html.parser")
    items = soup.select("ol[data-sources] > li")
    assert [li["data-source"] for li in items] == cited
    assert [int(li["value"]) for li in items] == list(range(1, len(items) + 1))
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert len(ids) == len(set(ids)), "no element id repeats"
    for link in soup.select('a[href^="#"]'):
        assert link["href"][1:] in ids, link  # every in-page link has its anchor
    # numbers follow first appearance: outside boxes in page order; a box numbers its
    # evidence in evidence order (shown grouped by stance), so within a box by number
    number = {li["data-source"]: int(li["value"]) for li in items}
    seen: list[int] = []
    for cite in soup.select("a[data-cite]"):
        box = cite.find_parent(attrs={"data-claim": True})
        seen.append(number[cite["data-cite"]] if box is None else -1)
        if box is not None and cite is box.select("a[data-cite]")[0]:
            seen[-1:] = sorted(number[c["data-cite"]] for c in box.select("a[data-cite]"))
    first = [n for i, n in enumerate(seen) if n != -1 and n not in seen[:i]]
    assert first == list(range(1, len(items) + 1))


# -- valid random sites always build --------------------------------------------

ids = st.from_regex(r"[a-z0-9][a-z0-9-]{0,12}", fullmatch=True)
safe_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40
).filter(lambda s: s.strip() == s and s.strip())
dates = (
    st.dates()
    .map(lambda d: f"{d.year:04d}-{d.month:02d}-{d.day:02d}")
    .filter(lambda s: s[0] != "0")
)


@st.composite
def sites(draw: st.DrawFn) -> tuple[dict, dict, str]:
    source_ids = draw(st.lists(ids, min_size=1, max_size=6, unique=True))
    sources = []
    for sid in source_ids:
        entry = {
            "id": sid,
            "title": draw(safe_text),
            "type": draw(st.sampled_from(["report", "article", "social"])),
        }
        if draw(st.booleans()):
            entry["date"] = draw(dates)
        if draw(st.booleans()):
            entry["url"] = f"https://example.org/{sid}"
        if entry["type"] == "social":
            entry["text"] = draw(safe_text)
        sources.append(entry)
    claim_ids = draw(st.lists(ids, max_size=4, unique=True))
    claims = []
    for cid in claim_ids:
        status = draw(st.sampled_from(sorted(DEFAULT_SCALE)))
        claim = {
            "id": cid,
            "claim": draw(safe_text),
            "status": status,
            "evidence": [
                {
                    "source": draw(st.sampled_from(source_ids)),
                    "stance": draw(st.sampled_from(["supports", "contradicts", "context"])),
                }
                for _ in range(draw(st.integers(0, 3)))
            ],
            "missing": [draw(safe_text)],
            # a valid site warns about nothing: its verdicts have their record
            "history": [{"date": draw(dates), "status": status}],
        }
        claims.append(claim)
    pieces = [f"[@{sid}]" for sid in source_ids]
    pieces += [f"\n\n::claim[{cid}]\n\n" for cid in claim_ids]
    pieces += [f"\n\n::post[{s['id']}]\n\n" for s in sources if s["type"] == "social"]
    order = draw(st.permutations(pieces))
    return {"sources": sources}, {"claims": claims}, " ".join(order)


@settings(SETTINGS, max_examples=10 if MUTATION else 60)
@given(sites())
def test_valid_random_sites_always_render(generated: tuple[dict, dict, str]) -> None:
    sources_doc, claims_doc, article = generated
    report = Report()
    site = Site()
    trees = []
    for kind, doc in (("sources", sources_doc), ("claims", claims_doc)):
        text = yaml.safe_dump(doc, allow_unicode=True)
        tree = read(text.encode(), f"{kind}.yml", report)
        schema.check(tree, kind, f"{kind}.yml", report)
        trees.append(tree)
    sources = [source_from(i, "sources.yml") for i in trees[0].get("sources").items]
    claims = [claim_from(i, "claims.yml") for i in trees[1].get("claims").items]
    check_entries("sources", sources, None, report)
    check_entries("claims", claims, None, report)
    check_site(site, sources, claims, report)
    assert report.errors == [], report.errors
    ext = ExplainersExtension(site=site)
    html = markdown.markdown(article, extensions=[ext, *MATERIAL_EXTENSIONS])
    assert html.count("data-sources") == 1
    assert set(ext.result.cited) == {s["id"] for s in sources_doc["sources"]}


# -- the schemas and the validator agree ----------------------------------------


@SETTINGS
@given(documents, st.sampled_from(schema.KINDS))
def test_schema_and_validator_agree(document: object, kind: str) -> None:
    """The validator's structural verdict is the published schema's verdict on the same text."""
    text = yaml.safe_dump({kind: document}, allow_unicode=True)
    report = Report()
    tree = read(text.encode(), "f.yml", report)
    if tree is None:
        return
    valid_by_check = schema.check(tree, kind, "f.yml", report)
    plain = to_plain(tree)
    valid_by_schema = Draft202012Validator(schema.schema(kind)).is_valid(plain)
    assert valid_by_check == valid_by_schema


def test_fixture_data_is_schema_valid() -> None:
    assert fixture_site().sources


FIELD_VALUES = {
    "id": ["ok-id", "Bad_Id", "", "-x", "a" * 130],
    "title": ["A title", "", "x" * 20001],
    "author": ["Someone", ["A", "B"], [], {"x": "y"}],
    "date": ["2025", "2025-10", "2025-10-02", "10/2025", "20250"],
    "accessed": ["2025-10-02", "2025-10"],
    "type": ["report", "social", "podcast"],
    "url": ["https://example.org/", "javascript:x", "http://", "https://a b"],
    "text": ["Hello", ""],
    "handle": ["@x"],
    "claim": ["A claim."],
    "status": ["unconfirmed", "anything"],
    "stance": ["supports", "refutes"],
    "evidence": [[{"source": "ok-id", "stance": "supports"}], [{"source": "ok-id"}], ["text"]],
    "missing": [["A thing."], "not a list", []],
    "colour": ["red"],
}


@st.composite
def near_valid(draw: st.DrawFn, kind: str) -> dict:
    names = ["id", "title", "author", "date", "accessed", "type", "url", "text", "handle", "colour"]
    if kind == "claims":
        names = ["id", "claim", "status", "date", "evidence", "missing", "colour"]
    chosen = draw(st.lists(st.sampled_from(names), unique=True, max_size=len(names)))
    return {name: draw(st.sampled_from(FIELD_VALUES[name])) for name in chosen}


@SETTINGS
@given(st.data())
def test_schema_and_validator_agree_on_near_valid_entries(data: st.DataObject) -> None:
    kind = data.draw(st.sampled_from(schema.KINDS))
    entries = data.draw(st.lists(near_valid(kind), max_size=3))
    text = yaml.safe_dump({kind: entries}, allow_unicode=True)
    report = Report()
    tree = read(text.encode(), "f.yml", report)
    valid_by_check = schema.check(tree, kind, "f.yml", report)
    valid_by_schema = Draft202012Validator(schema.schema(kind)).is_valid(to_plain(tree))
    assert valid_by_check == valid_by_schema
    assert valid_by_check == (report.errors == [])


def test_oversized_file_is_refused_without_parsing() -> None:
    from explainers.data.yaml_reader import MAX_BYTES

    report = Report()
    data = b"sources:\n" + b"  - id: a\n    title: " + b"x" * MAX_BYTES + b"\n"
    assert read(data, "big.yml", report) is None
    assert [str(d) for d in report.items] == [
        f"big.yml:1:1: error: file is {len(data)} bytes, over the {MAX_BYTES}-byte limit"
    ]


def test_many_small_values_are_bounded() -> None:
    from explainers.data.yaml_reader import MAX_NODES

    report = Report()
    data = ("sources: [" + ", ".join("x" for _ in range(MAX_NODES + 10)) + "]\n").encode()
    assert read(data, "many.yml", report) is None
    assert [str(d) for d in report.items] == [
        f"many.yml:1:{11 + 3 * (MAX_NODES - 3)}: error: file has more than {MAX_NODES} YAML values"
    ]


def test_alias_bomb_is_refused_quickly() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9)
    )
    report = Report()
    assert read(bomb.encode(), "bomb.yml", report) is None
    assert (
        str(report.items[0])
        == "bomb.yml:2:8: error: YAML aliases (*name) are not allowed in content files"
    )


@pytest.mark.build
@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(sites())
def test_valid_random_sites_build_with_mkdocs(
    tmp_path_factory, generated: tuple[dict, dict, str]
) -> None:
    from sitebuild import build

    sources_doc, claims_doc, article = generated
    root = tmp_path_factory.mktemp("random")
    (root / "content" / "sources").mkdir(parents=True)
    (root / "content" / "claims").mkdir(parents=True)
    (root / "content" / "sources" / "s.yml").write_text(
        yaml.safe_dump(sources_doc, allow_unicode=True), "utf-8"
    )
    (root / "content" / "claims" / "c.yml").write_text(
        yaml.safe_dump(claims_doc, allow_unicode=True), "utf-8"
    )
    (root / "content" / "index.md").write_text(article, "utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: Random\ndocs_dir: content\ntheme:\n  name: material\n  font: false\nplugins:\n  - explainers\n"
    )
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "data-sources" in (root / "site" / "index.html").read_text("utf-8")


@SETTINGS
@given(documents)
def test_fast_and_pure_python_yaml_readers_agree_on_positions(document: object) -> None:
    """libyaml reads well-formed files; its positions must be the pure-Python parser's."""
    from explainers.data import yaml_reader as yamlread

    text = yaml.safe_dump({"sources": document, "ünï": "ç€😀 x"}, allow_unicode=True)
    fast = yamlread._Builder("f.yml", Report()).build(
        yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    )
    pure = yamlread._Builder("f.yml", Report()).build(yaml.parse(text, Loader=yaml.SafeLoader))
    assert fast == pure


@SETTINGS
@given(st.text(max_size=200), markdown_text)
def test_any_article_with_any_front_matter_is_checked_without_a_traceback(
    front: str, body: str
) -> None:
    from explainers.page.article_check import check_article

    report = Report()
    text = f"---\n{front}\n---\n{body}"
    facts = check_article(
        text.encode("utf-8", "surrogatepass"), "a.md", "content/a.md", fixture_site(), "en", report
    )
    assert facts is not None or report.errors
    for diagnostic in report.items:
        assert diagnostic.line >= 1 and diagnostic.col >= 1
