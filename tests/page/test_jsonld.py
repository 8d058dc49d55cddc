"""Where each claim's one full ClaimReview lives, and what an article publishes instead.

In-process, so mutation testing sees it: the builds in test_verdicts.py check the same
placement on real sites.
"""

from __future__ import annotations

from explainers.data.model import (
    Claim,
    Pos,
    Site,
    Source,
)
from explainers.page import jsonld


def review(page: str, claim: str, published: str = "") -> dict:
    found = {"@type": "ClaimReview", "@id": f"https://x.example/{page}#claim-{claim}"}
    if published:
        found["datePublished"] = published
    return found


PAGES = {
    "b.md": [review("b/", "one", "2025-03"), review("b/", "two", "2025-01-05")],
    "a.md": [review("a/", "two", "2025-02-01")],
    "c.md": [],
}


def test_claim_id_is_read_from_the_anchor() -> None:
    assert jsonld.claim_id(review("x/", "a-b-c")) == "a-b-c"
    assert jsonld.claim_id({"@id": "https://x.example/claims/y/#claim-y"}) == "y"
    assert jsonld.claim_id({}) == ""


def test_without_claim_pages_the_first_page_by_path_is_home() -> None:
    canon = jsonld.canonical(PAGES)
    assert canon.home_of == {"two": "a.md", "one": "b.md"}
    assert canon.ids == {
        "two": "https://x.example/a/#claim-two",
        "one": "https://x.example/b/#claim-one",
    }
    assert canon.reviews["two"] is PAGES["a.md"][0]


def test_with_claim_pages_the_claim_page_is_home_and_no_article_is() -> None:
    pages = [review("claims/one/", "one"), review("claims/two/", "two")]
    canon = jsonld.canonical(PAGES, pages)
    assert canon.home_of == {}
    assert canon.ids == {
        "one": "https://x.example/claims/one/#claim-one",
        "two": "https://x.example/claims/two/#claim-two",
    }
    assert canon.reviews == {"one": pages[0], "two": pages[1]}


def test_first_dates_take_the_earliest_over_all_pages() -> None:
    assert jsonld.first_dates(PAGES) == {"one": "2025-03", "two": "2025-01-05"}
    assert jsonld.first_dates({"a.md": [review("a/", "x")]}) == {}


def test_an_article_publishes_its_own_reviews_and_names_the_others() -> None:
    canon = jsonld.canonical(PAGES)
    assert jsonld.for_page(PAGES["a.md"], "https://x.example/a/", canon, "a.md") == [
        PAGES["a.md"][0]
    ]
    assert jsonld.for_page(PAGES["b.md"], "https://x.example/b/", canon, "b.md") == [
        PAGES["b.md"][0],
        {
            "@context": "https://schema.org",
            "@type": "WebPage",
            "url": "https://x.example/b/",
            "mentions": [{"@id": "https://x.example/a/#claim-two"}],
        },
    ]
    assert jsonld.for_page([], "https://x.example/c/", canon, "c.md") == []
    with_pages = jsonld.canonical(PAGES, [review("claims/two/", "two")])
    assert jsonld.for_page(PAGES["a.md"], "u", with_pages, "a.md") == [
        {
            "@context": "https://schema.org",
            "@type": "WebPage",
            "url": "u",
            "mentions": [{"@id": "https://x.example/claims/two/#claim-two"}],
        }
    ]


def test_claim_review_edge_cases() -> None:
    from explainers.page import jsonld

    site = Site(
        sources={"s": Source("s", "S", Pos("f"), author=["A", "B"])},
        claims={},
    )
    claim = Claim("c", "C.", "maybe", Pos("f"), appearance=["ghost", "s"])
    review = jsonld.claim_review(claim, site, "u", "P", "en")
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "maybe"}
    assert review["itemReviewed"]["appearance"] == [
        {"@type": "CreativeWork", "name": "S", "author": {"@type": "Organization", "name": "A, B"}}
    ]


def test_a_conclusion_is_the_rating_that_search_engines_show() -> None:
    """On the ``conclusion`` base scale the verdict only says that the desk concluded;
    the summary says what it concluded, so that is the rating's ``alternateName`` (what a
    search result shows as the rating), as desks that publish conclusions do. A claim
    not concluded yet, or without a summary, keeps its label; so do other scales."""
    from explainers.data.scales import BASES

    site = Site(sources={}, claims={}, scale=BASES["conclusion"])
    done = Claim("c", "C.", "concluded", Pos("f"), summary="The figure is *two* years old.")
    rating = jsonld.claim_review(done, site, "u", "P", "en")["reviewRating"]
    assert rating == {"@type": "Rating", "alternateName": "The figure is two years old."}
    bare = Claim("c", "C.", "concluded", Pos("f"))
    assert jsonld.claim_review(bare, site, "u", "P", "nb")["reviewRating"]["alternateName"] == (
        "Konkludert"
    )
    still_open = Claim("c", "C.", "open", Pos("f"), summary="We asked the ministry.")
    assert jsonld.claim_review(still_open, site, "u", "P", "en")["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Not concluded",
    }
    # the default scale is a plain dict (no base): a "concluded" status there is no conclusion
    plain = Site(sources={}, claims={}, scale={"concluded": BASES["conclusion"]["concluded"]})
    assert jsonld.claim_review(done, plain, "u", "P", "en")["reviewRating"]["alternateName"] == (
        "Concluded"
    )
    context = Site(sources={}, claims={}, scale=BASES["context"])
    correct = Claim("c", "C.", "correct", Pos("f"), summary="It is.")
    assert jsonld.claim_review(correct, context, "u", "P", "en")["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Correct",
    }


def test_a_rating_scale_gives_the_rating_and_its_range() -> None:
    """``ratingValue`` with ``bestRating`` and ``worstRating``, the highest and lowest on
    the scale; a verdict without a rating on such a scale, and any verdict on a scale
    without ratings, carry their label only."""
    from dataclasses import replace

    from explainers.data.scales import BASES

    scale = dict(BASES["true-false"])
    scale["unproven"] = replace(BASES["context"]["unproven"])
    site = Site(sources={}, claims={}, scale=scale)
    rated = jsonld.claim_review(Claim("c", "C.", "half-true", Pos("f")), site, "u", "P", "en")
    assert rated["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Half true",
        "ratingValue": 4,
        "bestRating": 6,
        "worstRating": 1,
    }
    unrated = jsonld.claim_review(Claim("c", "C.", "unproven", Pos("f")), site, "u", "P", "en")
    assert unrated["reviewRating"] == {"@type": "Rating", "alternateName": "Unproven"}
    none = Site(sources={}, claims={}, scale=BASES["context"])
    plain = jsonld.claim_review(Claim("c", "C.", "false", Pos("f")), none, "u", "P", "en")
    assert plain["reviewRating"] == {"@type": "Rating", "alternateName": "False"}


def test_a_claim_in_several_languages_is_reviewed_in_the_pages() -> None:
    claim = Claim(
        "c", "In English.", "false", Pos("f"), lang="en", summary="Wrong.",
        texts={"claim": {"en": "In English.", "nb": "På norsk."}, "summary": {"nb": "Feil."}},
    )  # fmt: skip
    review = jsonld.claim_review(claim, Site(), "u", "P", "nb")
    assert (review["claimReviewed"], review["reviewBody"], review["inLanguage"]) == (
        "På norsk.",
        "Feil.",
        "nb",
    )
    assert jsonld.claim_review(claim, Site(), "u", "P", "en")["claimReviewed"] == "In English."
