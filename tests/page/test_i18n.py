"""Label overrides: what a site may replace, and the message when it cannot."""

from __future__ import annotations

import pytest

from explainers.page.i18n import check_label_overrides


def test_label_overrides_are_checked() -> None:
    check_label_overrides({"en": {"sources": "Refs"}, "nb": {}})
    for raw, message in (
        ([], "labels must be a mapping of language to {label: text}"),
        ({"zz-qq": {}}, "labels: 'zz-qq' is not a language tag Babel knows (dates need it): "
         "write a tag such as de, da or sv"),
        ({"en": "x"}, "labels: 'en' must be a mapping of label to text"),
        ({"nb": {"sources": 3}}, "labels: 'nb.sources' must be text"),
        (  # every problem, in one message
            {"nb": {"sources": 3}, "en": "x"},
            "labels: 'en' must be a mapping of label to text; labels: 'nb.sources' must be text",
        ),
    ):
        with pytest.raises(ValueError) as caught:
            check_label_overrides(raw)
        assert str(caught.value) == message
    with pytest.raises(ValueError, match=r"^labels: unknown label 'x' \(known: accessed, and, "):
        check_label_overrides({"en": {"x": "y"}})
