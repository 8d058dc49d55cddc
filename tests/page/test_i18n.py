"""Label overrides: what a site may replace, and the message when it cannot."""

from __future__ import annotations

import pytest

from explainers.page.i18n import check_label_overrides


def test_label_overrides_are_checked() -> None:
    check_label_overrides({"en": {"sources": "Refs"}, "nb": {}})
    for raw, message in (
        ([], "labels must be a mapping of language to {label: text}"),
        (
            {"zz-qq": {}},
            "labels: 'zz-qq' is not a language tag Babel knows (dates need it): "
            "write a tag such as de, da or sv",
        ),
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


def test_every_language_of_the_option_is_checked() -> None:
    """A new language gives every label (a Babel tag, ``de-AT`` as ``de_AT``); one bad
    language does not stop the check of the next."""
    from explainers.page.i18n import LABELS, label_problems

    complete = dict(LABELS["en"])
    assert label_problems({"de-AT": complete, "sv": complete}) == []
    raw = {"en": "x", "zz-qq": {}, "de": {"sources": "Quellen"}, "nb": {"y": "z"}}
    *found, unknown = label_problems(raw)
    others = ", ".join(key for key in LABELS["en"] if key != "sources")
    assert found == [
        f"labels: 'de' is a new language and misses {len(LABELS['en']) - 1} of its labels: "
        f"{others} (a new language gives every label)",
        "labels: 'en' must be a mapping of label to text",
        "labels: 'zz-qq' is not a language tag Babel knows (dates need it): write a tag such "
        "as de, da or sv",
    ]
    assert unknown.startswith("labels: unknown label 'y'; did you mean 'by'? (known: ")


def test_a_site_adds_a_language_through_its_labels() -> None:
    """``labels`` for a language the package does not ship adds it after the shipped ones,
    and that language's labels are the site's own."""
    from explainers.page.i18n import LANGS, Labels, site_langs

    assert site_langs(None) == LANGS
    assert site_langs({"nb": {}, "de": {}, "sv": {}}) == (*LANGS, "de", "sv")
    german = Labels("de", {"de": {"sources": "Quellen"}, "en": {"sources": "Refs"}})
    assert (german["sources"], german["claims_index"]) == ("Quellen", "Claims")
    assert Labels("de")["sources"] == Labels("en")["sources"]  # no table: English
