"""A damaged ``mkdocs.yml`` or ``zensical.toml`` (cut, shuffled, re-indented, odd
characters, nested thousands deep): ``explainers check`` locates every problem in the
file (``mkdocs.yml:L:C: error: ...``) and never ends in a traceback."""

from __future__ import annotations

import contextlib
import io
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainers.cli import main

from helpers import FIXTURES, MUTATION, SITES

MKDOCS = (SITES / "reader" / "mkdocs.yml").read_text("utf-8")
ZENSICAL = (FIXTURES / "hosts" / "zensical.toml").read_text("utf-8")
ODD = [
    "\t",
    ": ",
    "[",
    "]",
    "{",
    "}",
    "“",
    "”",
    "«",
    "- ",
    "&a ",
    "*a",
    "!!python/name:x ",
    "!ENV ",
    "#",
    "'",
    '"',
    "=",
    "\\",
    "\x00",
    "\ufeff",
    "\u2028",
    "%",
    "@",
    "`",
    "|",
    ">",
    "é",
    "\x85",
]
DIAGNOSTIC = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (error|warning): .+$")

SETTINGS = settings(
    max_examples=10 if MUTATION else 80,
    derandomize=MUTATION,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@st.composite
def damaged(draw: st.DrawFn, text: str) -> str:
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["cut", "shuffle", "indent", "odd", "deep", "drop", "twice"]))
        if action == "cut":
            lines = lines[: where + 1]
            lines[-1] = lines[-1][: draw(st.integers(0, len(lines[-1])))]
        elif action == "shuffle":
            lines = draw(st.permutations(lines))
        elif action == "indent":
            spaces = draw(st.integers(-4, 6))
            line = lines[where]
            lines[where] = " " * spaces + line if spaces >= 0 else line[-spaces:]
        elif action == "odd":
            line = lines[where]
            at = draw(st.integers(0, len(line)))
            lines[where] = line[:at] + draw(st.sampled_from(ODD)) + line[at:]
        elif action == "deep":
            depth = draw(st.sampled_from([60, 3000]))
            bracket = draw(st.sampled_from(["[", "{a: ", "{a = "]))
            lines.insert(where, "x: " + bracket * depth)
        elif action == "drop":
            del lines[where]
        else:
            lines.insert(where, lines[where])
        if not lines:
            lines = [""]
    return "\n".join(lines)


def check_damaged(name: str, text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for sub in ("claims", "sources"):
            (root / "content" / sub).mkdir(parents=True)
        (root / "content" / "index.md").write_text("# Home\n", "utf-8")
        (root / name).write_bytes(text.encode("utf-8", "surrogatepass"))
        lines = len(re.split("\r\n|[\n\r\x85\u2028\u2029]", text))
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["check", "--no-cache", str(root)])
    assert code in (0, 1, 2)
    printed = out.getvalue().splitlines()
    for line in printed:
        match = DIAGNOSTIC.match(line)
        assert match, f"not in the contract's format: {line!r}"
        if match["path"] == name:
            assert 1 <= int(match["line"]) <= lines and int(match["col"]) >= 1, line
    if code == 2:  # the configuration could not be used: each reason is located in it
        assert printed, err.getvalue()
        assert all(line.startswith(f"{name}:") for line in printed), printed
    assert "Traceback" not in err.getvalue()


@SETTINGS
@given(damaged(MKDOCS))
def test_damaged_mkdocs_yml_is_located_never_a_traceback(text: str) -> None:
    check_damaged("mkdocs.yml", text)


@SETTINGS
@given(damaged(ZENSICAL))
def test_damaged_zensical_toml_is_located_never_a_traceback(text: str) -> None:
    check_damaged("zensical.toml", text)


#: ten times as many values on each line, a billion on the last (MkDocs allows anchors)
ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{new}: &{new} [{', '.join(['*' + old] * 10)}]\n"
    for old, new in zip("abcdefgh", "bcdefghi", strict=True)
)


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "mkdocs.yml",
            "site_name: t\nx: " + "[" * 5000 + "]" * 5000 + "\n",
            "mkdocs.yml:2:53: error: YAML nested more than 50 levels deep",
        ),
        (
            "zensical.toml",
            "x = " + "[" * 5000 + "]" * 5000 + "\n",
            "zensical.toml:1:55: error: TOML nested more than 50 levels deep",
        ),
        ("mkdocs.yml", ALIAS_BOMB, "mkdocs.yml:5:20: error: file has more than 50000 YAML values"),
    ],
    ids=["mkdocs deep", "zensical deep", "alias bomb"],
)
def test_thousands_deep_or_an_alias_bomb_stop_at_the_bound(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, text: str, expected: str
) -> None:
    (tmp_path / name).write_text(text, "utf-8")
    assert main(["check", "--no-cache", str(tmp_path)]) == 2
    assert capsys.readouterr().out == expected + "\n"
