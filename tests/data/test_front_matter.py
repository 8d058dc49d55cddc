"""The front matter's one pattern (``data/front_matter.py``): MkDocs' own, and the YAML
it finds in a file as read (its drafts: ``tests/data/test_drafts.py``)."""

from __future__ import annotations

import pytest
from mkdocs.utils import meta

from explainers.data.front_matter import FRONT_MATTER_RE, front_matter_yaml


def test_the_pattern_is_the_one_mkdocs_reads_front_matter_with() -> None:
    assert (FRONT_MATTER_RE.pattern, FRONT_MATTER_RE.flags) == (
        meta.YAML_RE.pattern,
        meta.YAML_RE.flags,
    )


@pytest.mark.parametrize(
    ("text", "yaml"),
    [
        ("---\ntitle: A\n---\n\n# A\n", "title: A\n"),
        ("\ufeff---\r\ntitle: A\r\nlang: nb\r\n...\r\nbody", "title: A\nlang: nb\n"),
        ("---\ntitle: A\n---", "title: A\n"),
        ("---\ntitle: A\n---\nb: c\n---\n", "title: A\n"),  # the first closing line
        ("# A\n---\ntitle: A\n---\n", None),
        ("---\ntitle: A\n", None),
        ("", None),
    ],
)
def test_the_yaml_of_an_article(text: str, yaml: str | None) -> None:
    assert front_matter_yaml(text) == yaml
