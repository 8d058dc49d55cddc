"""Reading ``zensical.toml`` (``explainers.hosts.zensical_toml``) with the care content
gets: nesting bounded before tomllib recurses, and its errors located in plain words."""

from __future__ import annotations

from pathlib import Path

import pytest

from explainers.hosts.mkdocs_yml import ConfigError
from explainers.hosts.zensical_toml import MAX_DEPTH, _nested_too_deep, load_zensical_toml

DEEP = "[" * (MAX_DEPTH + 1)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (f"a = {DEEP}", (1, 5 + MAX_DEPTH)),
        (f"a = 1\nb = {{x = {DEEP}", (2, 9 + MAX_DEPTH)),
        ("a = " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\nb = [[1]]", None),  # 50 deep is fine
        (f'a = "{DEEP}"', None),  # inside a string
        (f"a = '{DEEP}'", None),
        (f'a = """\n{DEEP}\n"""', None),
        (f"a = '''{DEEP}'''", None),
        (f'a = "\\"{DEEP}"', None),  # an escaped quote does not end the string
        (f"# {DEEP}\na = 1", None),  # a comment
        ("]]]]" + "[" * MAX_DEPTH, None),  # closing more than opened does not go below 0
    ],
)
def test_nesting_is_bounded_outside_strings_and_comments(
    text: str, where: tuple[int, int] | None
) -> None:
    assert _nested_too_deep(text) == where


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("lang = en\n", "zensical.toml:1:8: error: TOML does not parse: a value TOML cannot "
         'read: put text in quotes (lang = "en"); lists are ["a", "b"], tables {key = "value"}'),
        ('x = 1\nsite_name = "A', "zensical.toml:2:15: error: TOML does not parse: a quoted "
         "value is never closed: add the closing quote"),  # at the end: its last line's end
        ("[a]\nx = 1\n[a]\n", "zensical.toml:3:3: error: TOML does not parse: cannot declare "
         "('a',) twice"),
        (f"a = {DEEP}", f"zensical.toml:1:{5 + MAX_DEPTH}: error: TOML nested more than 50 "
         "levels deep"),
    ],
)  # fmt: skip
def test_a_toml_error_is_located_in_plain_words(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "zensical.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(ConfigError) as raised:
        load_zensical_toml(path)
    assert [str(d) for d in raised.value.diagnostics] == [message]


def test_a_file_that_reads_gives_its_settings(tmp_path: Path) -> None:
    path = tmp_path / "zensical.toml"
    path.write_text('[project]\nsite_name = "S"\n', "utf-8")
    assert load_zensical_toml(path) == {"project": {"site_name": "S"}}
    with pytest.raises(ConfigError, match="cannot read"):
        load_zensical_toml(tmp_path / "missing.toml")
