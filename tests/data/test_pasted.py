"""What a word processor leaves in pasted text (``explainers.data.pasted``): quotation
marks around a whole value, autocorrected dashes and apostrophes in ids."""

from __future__ import annotations

import pytest

from explainers.data.pasted import id_fix, id_problem, unwrap, wrapped, wrapped_warning

WRAPPED = [
    ("“Tall”", ("“", "Tall", "”")),
    ("«Tall»", ("«", "Tall", "»")),
    ("„Zahl“", ("„", "Zahl", "“")),
    ("„Zahl”", ("„", "Zahl", "”")),
    ("»Tal«", ("»", "Tal", "«")),
    ("”Tal”", ("”", "Tal", "”")),
    ("‘one’", ("‘", "one", "’")),
    ('"plain"', ('"', "plain", '"')),
    ("“A” and “B”", None),  # two quotes, not one wrapped value
    ("«A «B» C»", None),
    ("“ ”", None),  # nothing inside
    ("“”", None),
    ("“open", None),
    ("“mismatched»", None),
    ("x", None),
]


@pytest.mark.parametrize(("text", "expected"), WRAPPED, ids=[w[0] for w in WRAPPED])
def test_one_pair_wrapping_the_whole_value(
    text: str, expected: tuple[str, str, str] | None
) -> None:
    assert wrapped(text) == expected
    assert unwrap(text) == (expected[1] if expected else text)


def test_the_warning_names_the_marks_and_gives_yaml_to_paste_back() -> None:
    assert wrapped_warning("quote", "«Tall»") == (
        "'quote' is wrapped in « », and the page puts its own quotation marks around it, so "
        'it is shown without these: remove them (quote: "Tall")'
    )
    long = "“" + "x" * 70 + "”"
    assert wrapped_warning("title", long).endswith(f'(title: "{"x" * 57}...")')  # type: ignore[union-attr]
    assert wrapped_warning("title", "no marks") is None


IDS = [
    (
        "mhs\u2013report",
        (),
        "it has '\u2013' (U+2013 EN DASH) where an id has a plain '-'",
        "mhs-report",
    ),
    (
        "o\u2019brien",
        (),
        "it has '\u2019' (U+2019 RIGHT SINGLE QUOTATION MARK), which an id cannot hold",
        "obrien",
    ),
    (
        "o\u2019brien",
        ("o-brien",),
        "it has '\u2019' (U+2019 RIGHT SINGLE QUOTATION MARK), which an id cannot hold",
        "o-brien",
    ),
    (
        "a\u00adb\u2014c",
        (),
        "it has '\u00ad' (U+00AD SOFT HYPHEN) and '\u2014' (U+2014 EM DASH), which an id cannot hold",
        "ab-c",
    ),
]


@pytest.mark.parametrize(("ident", "known", "why", "fixed"), IDS)
def test_an_autocorrected_id_and_the_id_meant(
    ident: str, known: tuple[str, ...], why: str, fixed: str
) -> None:
    assert id_fix(ident, known) == (why, fixed)


def test_other_id_problems_are_not_autocorrect() -> None:
    assert id_fix("plain-id") is None
    assert id_fix("Space \u2013 here") is None  # fixed, it is still no id
    assert id_problem("UPPER") is None


def test_the_message_end_says_what_to_write() -> None:
    assert id_problem("mhs\u2013report") == (
        "it has '\u2013' (U+2013 EN DASH) where an id has a plain '-': write 'mhs-report'"
    )
    assert id_problem("mhs\u2013report", {"mhs-report"}) == (
        "it has '\u2013' (U+2013 EN DASH) where an id has a plain '-'; did you mean 'mhs-report'?"
    )
    assert id_problem("mhs\u2013report", {"other"}).endswith(": write 'mhs-report'")  # type: ignore[union-attr]
