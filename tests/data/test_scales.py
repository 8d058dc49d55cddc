"""The verdict scale options (``scale_extends`` and ``scale``), read from small sites.

Each case in ``fixtures/scales.md`` is a site written as files; the expected block is
the effective scale, one verdict a line, then exactly what ``explainers check`` prints
(the options' problems at their line in mkdocs.yml, then the data's). The build is
checked to make the same scale and say the same things; a built site shows the
badges, the ClaimReview ratings and the published schema of its own scale.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from markdown_it.utils import read_fixture_file
from test_errors import HEADER

from explainers.cli import main
from explainers.data import scales
from explainers.data.model import DEFAULT_SCALE, Verdict
from explainers.hosts.mkdocs_yml import read_site_config

from helpers import FIXTURES
from sitebuild import mkdocs

CASES = read_fixture_file(FIXTURES / "scales.md")


def write_site(root: Path, blob: str) -> None:
    path, lines = None, []

    def flush() -> None:
        if path is not None:
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_text("".join(lines), "utf-8")

    for line in blob.splitlines(keepends=True):
        match = HEADER.match(line.rstrip("\n"))
        if match:
            flush()
            path, lines = match.group(1), []
        else:
            lines.append(line)
    flush()
    for folder in ("claims", "sources"):
        (root / "content" / folder).mkdir(parents=True, exist_ok=True)


def describe(verdict: Verdict) -> str:
    state = "settled" if verdict.settled else "open"
    rating = "-" if verdict.rating is None else str(verdict.rating)
    labels = f"{verdict.label('en')} / {verdict.labels.get('nb', verdict.key)}"
    return (
        f"scale {verdict.key}: {labels}, {state}, {verdict.icon}, {verdict.badge or '-'}, {rating}"
    )


@pytest.mark.parametrize(("line", "title", "blob", "expected"), CASES, ids=[c[1] for c in CASES])
def test_scale_options(
    tmp_path: Path, capsys, line: int, title: str, blob: str, expected: str
) -> None:
    write_site(tmp_path, blob)
    scale = read_site_config(tmp_path).scale
    lines = [describe(v) for v in (DEFAULT_SCALE if scale is None else scale).values()]
    code = main(["check", str(tmp_path)])
    out = "".join(f"{line}\n" for line in lines) + capsys.readouterr().out
    assert out == expected
    assert code == (1 if ": error: " in expected else 0)


@pytest.mark.build
@pytest.mark.parametrize(
    "title",
    [
        "option errors, every one at its line in mkdocs.yml",
        "remove: KEY: null takes a verdict off the base; a status that uses it says so",
    ],
)
def test_the_build_says_the_same(tmp_path: Path, title: str) -> None:
    """The plugin reads the options as the CLI does: the same errors, first, and no site."""
    ((blob, expected),) = [(c[2], c[3]) for c in CASES if c[1] == title]
    write_site(tmp_path, blob)
    result = mkdocs(tmp_path, "build")
    assert result.returncode == 1
    errors = [
        line.removeprefix("ERROR   -  ")
        for line in (result.stdout + result.stderr).splitlines()
        if line.startswith("ERROR   -  ") and ": error: " in line
    ]
    assert errors == [line for line in expected.splitlines() if ": error: " in line]
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


RATED_SITE = {
    "mkdocs.yml": (
        "site_name: t\nsite_url: https://desk.example.org/\ndocs_dir: content\n"
        "theme:\n  name: material\n  font: false\n"
        "plugins:\n  - explainers:\n      scale_extends: true-false\n      scale:\n"
        "        unproven: {en: Unproven, nb: Ikke dokumentert, settled: false, badge: yellow}\n"
        "        half-true: {en: Half right}\n"
    ),
    "content/index.md": "# Desk\n\n::claim[x]\n\n::claim[y]\n",
    "content/sources/s.yml": "sources:\n  - id: s\n    title: S\n",
    "content/claims/c.yml": (
        "claims:\n"
        "  - id: x\n    claim: One.\n    status: half-true\n"
        "    evidence:\n      - source: s\n        stance: supports\n"
        "    history:\n      - date: 2025-01-01\n        status: half-true\n"
        "  - id: y\n    claim: Two.\n    status: unproven\n    missing: [The data.]\n"
        "    evidence:\n      - source: s\n        stance: context\n"
        "    history:\n      - date: 2025-01-01\n        status: unproven\n"
    ),
}


@pytest.mark.build
def test_a_built_site_shows_its_scale(tmp_path: Path) -> None:
    """Badges carry their colour, ClaimReview its rating with the scale's best and worst,
    and the published schema lists the effective scale's keys."""
    for name, text in RATED_SITE.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, "utf-8")
    result = mkdocs(tmp_path, "build", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    site = tmp_path / "site"
    page = BeautifulSoup((site / "index.html").read_text("utf-8"), "html.parser")
    box = page.select_one("#claim-x")
    assert (box["data-status"], box["data-badge"]) == ("half-true", "amber")
    badge = box.select_one(".xp-badge")
    assert (badge["data-badge"], badge.get_text(" ", strip=True)) == ("amber", "◑ Half right")
    assert page.select_one("#claim-y .xp-badge")["data-badge"] == "yellow"
    reviews = {
        r["url"].rpartition("#claim-")[2]: r["reviewRating"]
        for element in json.loads((site / "claimreviews.json").read_text("utf-8"))[
            "dataFeedElement"
        ]
        for r in element["item"]
    }
    assert reviews == {
        "x": {
            "@type": "Rating",
            "alternateName": "Half right",
            "ratingValue": 4,
            "bestRating": 6,
            "worstRating": 1,
        },
        "y": {"@type": "Rating", "alternateName": "Unproven"},
    }
    published = json.loads((site / "schemas" / "claims.schema.json").read_text("utf-8"))
    status = published["$defs"]["status"]
    keys = ["true", "mostly-true", "half-true", "mostly-false", "false", "fabricated", "unproven"]
    assert status["enum"] == [*keys, True, False]
    assert status["enumDescriptions"][2] == (
        "Half right / Halvveis sant (settled, rating 4): Right in part and wrong in part, "
        "or right about the numbers and wrong about what they show."
    )


def test_the_default_scale_adds_no_badge_or_rating() -> None:
    """Sites on the default scale (with or without scale_extends: default) render as before."""
    assert all(
        not v.badge and v.rating is None and not v.definition for v in DEFAULT_SCALE.values()
    )
    assert dict(scales.BASES["default"]) == DEFAULT_SCALE
    assert scales.rating_range(DEFAULT_SCALE) is None


def test_every_base_has_the_shipped_languages_and_a_settled_half_truth() -> None:
    for name, base in scales.BASES.items():
        assert base.base == name
        for verdict in base.values():
            assert set(verdict.labels) == {"en", "nb", "nn"}, (name, verdict.key)
            if name != "default":
                assert set(verdict.definition) == {"en", "nb"}, (name, verdict.key)
                assert verdict.badge in scales.BADGES, (name, verdict.key)
    assert scales.BASES["true-false"]["half-true"].settled
    assert scales.BASES["context"]["misleading"].settled
    assert scales.BASES["context"]["missing-context"].settled
    ratings = [v.rating for v in scales.BASES["true-false"].values()]
    assert ratings == sorted(ratings, reverse=True) and len(set(ratings)) == len(ratings)
    assert scales.rating_range(scales.BASES["true-false"]) == (6, 1)
    assert scales.rating_range(scales.BASES["conclusion"]) is None


def test_the_markdown_extension_takes_scale_extends(tmp_path: Path) -> None:
    """Hosts without MkDocs (Zensical) give the extension the same two options."""
    import markdown

    from explainers.data.scales import ScaleError
    from explainers.hosts.mkdocs_yml import ConfigError, lang_and_scale
    from explainers.page.extension import ExplainersExtension

    for name, text in RATED_SITE.items():
        if name.startswith("content/"):
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_text(text, "utf-8")
    options = {
        "base_dir": str(tmp_path),
        "claims_dir": "content/claims",
        "sources_dir": "content/sources",
        "scale_extends": "true-false",
        "scale": {"unproven": {"en": "Unproven", "nb": "Ikke dokumentert", "settled": False}},
    }
    html = markdown.markdown("::claim[x]", extensions=[ExplainersExtension(**options)])
    assert 'data-status="half-true" data-badge="amber"' in html
    with pytest.raises(ScaleError, match="scale_extends: 'truth' is not a base scale"):
        ExplainersExtension(**{**options, "scale_extends": "truth"}).site()
    with pytest.raises(ConfigError) as caught:
        lang_and_scale({"scale_extends": "truth", "scale": {"x": None}}, {}, tmp_path / "z.toml")
    assert str(caught.value) == (
        f"{tmp_path / 'z.toml'}: scale_extends: 'truth' is not a base scale; use one of: "
        "default, true-false, context, conclusion"
    )


# -- the parts the cases above reach only through the whole site ---------------------------

POSITIONS_YML = (
    "site_name: t\n"  # 1
    "plugins:\n"  # 2
    "  - explainers:\n"  # 3
    "      scale_extends: default\n"  # 4
    "      scale:\n"  # 5
    "        Yes: {en: Right}\n"  # 6
    "        ~: {en: Nothing}\n"  # 7
    "        x: {en: X, colour: red}\n"  # 8
    "  - search: {lang: en}\n"  # 9
)


def test_positions_point_at_each_part_of_the_options(tmp_path: Path) -> None:
    """Errors land on the key an editor typed, whichever YAML 1.1 spelling it used,
    and fall back to the nearest part that exists, then to the file's first line."""
    config = tmp_path / "mkdocs.yml"
    config.write_text(POSITIONS_YML, "utf-8")
    where = scales.positions(config)
    assert where.key("scale_extends") == ("mkdocs.yml", 4, 7)
    assert where.key("scale") == ("mkdocs.yml", 5, 7)
    assert where.key("scale", "true") == ("mkdocs.yml", 6, 9)  # Yes: is the key true
    assert where.key("scale", "null") == ("mkdocs.yml", 7, 9)  # ~: is the key null
    assert where.key("scale", "x", "colour") == ("mkdocs.yml", 8, 20)
    assert where.value("scale", "x", "rating") == ("mkdocs.yml", 8, 12)  # the entry's value
    assert where.key("scale", "nope", "en") == ("mkdocs.yml", 5, 7)
    assert scales.positions(None).value("scale") == ("mkdocs.yml", 1, 1)
    assert scales.positions(None, "z.yml").key("scale", "x") == ("z.yml", 1, 1)


@pytest.mark.parametrize(
    "plugins",
    [
        "plugins:\n  explainers:\n    scale:\n      x: {en: X}\n",
        "plugins:\n  - explainers:\n      scale:\n        x: {en: X}\n  - search\n  - tags: {}\n",
    ],
    ids=["plugins as a mapping", "explainers before other plugins"],
)
def test_positions_find_the_plugin_however_plugins_is_written(tmp_path: Path, plugins: str) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: t\n" + plugins, "utf-8")
    assert scales.positions(config).key("scale", "x")[1] == 5


def test_positions_of_a_plugin_without_options(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("plugins:\n  explainers: abc\n", "utf-8")
    assert scales.positions(config).value("scale") == ("mkdocs.yml", 1, 1)


def test_key_text_spells_keys_as_editors_wrote_them() -> None:
    assert [scales.key_text(k) for k in (True, False, None, "x", 3)] == [
        "true",
        "false",
        "null",
        "x",
        "3",
    ]


def _built(raw: dict, extends: object = "true-false") -> tuple[scales.Scale, list[str]]:
    report = scales.Report()
    scale = scales.build(extends, raw, scales.Positions("", {}, {}), report)
    assert scale is not None
    return scale, [d.message for d in report.errors]


def test_an_entry_keeps_what_it_does_not_set() -> None:
    """A relabelled base verdict keeps its definition, and an empty label or a bad
    ``settled`` keeps the base's value."""
    scale, errors = _built({"true": {"en": "", "nb": "Riktig", "settled": "maybe"}})
    verdict = scale["true"]
    assert verdict.labels == {"en": "True", "nb": "Riktig", "nn": "Sant"}
    assert verdict.settled is True
    assert verdict.definition == scales.BASES["true-false"]["true"].definition
    assert errors == ["scale: 'true': settled must be true or false"]


def test_labels_in_other_languages_and_unknown_fields() -> None:
    scale, errors = _built(
        {"new": {"en": "", "nb": "Ny", "settled": True, "nn": "Ny", "de-CH": "Neu", "colour": "x"}}
    )
    assert scale["new"].labels == {"nb": "Ny", "nn": "Ny", "de-CH": "Neu"}
    assert errors == [
        "scale: 'new' has unknown field 'colour'",
        "scale: 'new' is not on the 'true-false' scale, so it is a new verdict and needs "
        "en, nb and settled; missing: en",
    ]


def test_a_status_is_shortened_in_messages() -> None:
    """A pasted paragraph as a status gives a one-line message of bounded length."""
    for status, shown in [
        ("a" * 60, "a" * 60),
        ("a" * 61, "a" * 57 + "..."),
        ("a\nb", "a\\nb"),
    ]:
        assert scales.not_on_scale(status, None).startswith(f"status '{shown}' is not on")


def test_the_cache_key_changes_with_the_scale_and_only_then() -> None:
    verdicts = dict(scales.BASES["context"])
    key = scales.key_for_cache
    assert key(None) == ""
    assert key(verdicts) == key(scales.Scale(verdicts)) == key(scales.Scale(verdicts, "", False))
    assert key(scales.Scale(verdicts, "context")) != key(scales.Scale(verdicts))
    assert key(scales.Scale(verdicts, "context", True)) != key(scales.Scale(verdicts, "context"))


def test_a_scale_shows_where_it_came_from_when_debugging() -> None:
    scale = scales.Scale({}, "context", True)
    assert repr(scale) == "Scale('context', True, {})"
    assert (scales.Scale().base, scales.Scale().changed) == ("", False)


@pytest.mark.parametrize("spelling", ["Yes", "On", "ON", "True", "No", "off"])
def test_positions_know_every_yaml_1_1_boolean_key(tmp_path: Path, spelling: str) -> None:
    """``On:`` under ``scale:`` is the key true (as MkDocs' YAML reads it): its
    errors point at it, not at ``scale:``."""
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"plugins:\n  - explainers:\n      scale:\n        {spelling}: 1\n", "utf-8")
    key = "false" if spelling.lower() in ("no", "off") else "true"
    assert scales.positions(config).key("scale", key) == ("mkdocs.yml", 4, 9)
