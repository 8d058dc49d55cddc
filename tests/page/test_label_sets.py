"""The shipped languages are complete: a label added in English needs its Bokmål and
Nynorsk text too (a site's own language must give every one, so must the package)."""

from __future__ import annotations

import pytest

from explainers.page.i18n import LABELS, LANGS, Labels


@pytest.mark.parametrize("lang", LANGS)
def test_shipped_language_has_every_label(lang: str) -> None:
    assert sorted(set(LABELS["en"]) - set(LABELS[lang])) == []
    assert all(text.strip() for text in LABELS[lang].values())


def test_quotation_marks_are_labels() -> None:
    assert [Labels(lang).quote("x") for lang in LANGS] == ["“x”", "«x»", "«x»"]
