"""The rest of a newsroom's MkDocs site: Material's blog and tags plugins beside ours,
``::articles`` on a home page in each language, and ``mkdocs gh-deploy``.

The fixture site (``fixtures/newsroom``) has two dated articles that box claims, one
page that only mentions a claim, an explainer written as a blog post (its excerpt cites
two sources), a draft post, a tags index, and an English and a Norwegian home page
holding ``::articles``.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from helpers import FIXTURES
from sitebuild import build, log_lines, mkdocs

pytestmark = pytest.mark.build  # every test here builds the newsroom site

SITE = FIXTURES / "newsroom"
POST = "blog/2025/02/01/an-explainer-written-as-a-post"


def built(tmp: Path, extra: str = "") -> Path:
    root = tmp / "src"
    shutil.copytree(SITE, root)
    if extra:
        config = root / "mkdocs.yml"
        config.write_text(
            config.read_text("utf-8").replace(
                "publisher: Fixture Desk", f"publisher: Fixture Desk\n      {extra}"
            ),
            "utf-8",
        )
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert log_lines(result, "WARNING") == []
    assert "Traceback" not in result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built(tmp_path_factory.mktemp("newsroom"))


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text("utf-8"), "html.parser")


def listed(page: BeautifulSoup) -> list[tuple[str, str, str, str, list[str]]]:
    """Each ``::articles`` item: link, title, date as shown, description, verdict labels."""
    items = []
    for li in page.select("[data-articles] li"):
        link = li.select_one(".xp-articles__title a")
        date = li.select_one(".xp-articles__date")
        text = li.select_one(".xp-articles__description")
        items.append(
            (
                link["href"],
                link.get_text(),
                date.get_text() if date else "",
                text.get_text() if text else "",
                [b.get_text(" ", strip=True) for b in li.select(".xp-badge")],
            )
        )
    return items


def test_articles_lists_explainers_newest_first(site: Path) -> None:
    home = soup(site, ".")
    assert home.select_one("nav[data-articles]")["aria-label"] == "Explainers"
    assert listed(home) == [
        (
            "en/newer/",
            "Two claims about the agency",
            "March 1, 2025",
            "A rise in incidents <b>and</b> a budget.",  # front matter text, escaped
            ["◐ Partly confirmed", "✗ False"],
        ),
        (
            f"{POST}/",
            "An explainer written as a post",
            "February 1, 2025",
            "A post that is an explainer.",
            ["✓ Confirmed"],
        ),
        (
            "en/older/",
            "When was the agency founded?",
            "November 2, 2024",
            "An old question, settled by the founding act.",
            ["✓ Confirmed"],
        ),
        # an article that boxes no claim: listed, without badges; undated, so last
        ("en/undated/", "No boxes here", "", "", []),
    ]
    # not listed: the home pages (they hold the list), the blog's index (a landing page),
    # its archive (generated), the draft post, tags.md and unlisted.md (listed: false)
    assert home.select_one("[data-xp-articles-slot]") is None


def test_articles_in_the_pages_language(site: Path) -> None:
    home = soup(site, "nb")
    assert home.select_one("nav[data-articles]")["aria-label"] == "Forklaringer"
    assert [(href, date, badges) for href, _, date, _, badges in listed(home)] == [
        ("../en/newer/", "1. mars 2025", ["◐ Delvis bekreftet", "✗ Usant"]),
        (f"../{POST}/", "1. februar 2025", ["✓ Bekreftet"]),
        ("../en/older/", "2. november 2024", ["✓ Bekreftet"]),
        ("../en/undated/", "", []),
    ]
    assert home.select_one(".xp-articles__verdicts .xp-sr-only").get_text() == "Vurderinger: "
    # the English titles and descriptions say so; dates and badges are the page's Norwegian
    assert {p["lang"] for p in home.select(".xp-articles__title, .xp-articles__description")} == {
        "en"
    }
    assert not home.select(".xp-articles__date[lang], .xp-articles__verdicts[lang]")
    assert not soup(site, ".").select("[data-articles] [lang]")


def test_blog_post_explainer_renders_fully(site: Path) -> None:
    post = soup(site, POST)
    assert [box["data-claim"] for box in post.select(".xp-claim[data-claim]")] == ["postclaim"]
    assert [a["data-cite"] for a in post.select("a.xp-cite")] == [
        "agency-report",
        "paper-story",
        "agency-report",
    ]
    assert [li["id"] for li in post.select(".xp-sources li[id]")] == [
        "source-agency-report",
        "source-paper-story",
    ]
    excerpt = soup(site, "blog").select_one("article.md-post--excerpt")
    assert [a.get_text() for a in excerpt.select("a.xp-cite")] == ["[1]", "[2]"]
    # the numbers lead to the post's source list, where the sources are (not to "#...")
    assert [a["href"] for a in excerpt.select("a.xp-cite")] == [
        f"{POST.removeprefix('blog/')}/#source-agency-report",
        f"{POST.removeprefix('blog/')}/#source-paper-story",
    ]
    archive = soup(site, "blog/category/fact-checks").select_one("article.md-post--excerpt")
    assert archive.select_one("a.xp-cite")["href"] == (
        "../../2025/02/01/an-explainer-written-as-a-post/#source-agency-report"
    )
    assert "::claim" not in excerpt.get_text() and "[@" not in excerpt.get_text()


def test_draft_post_is_left_out_like_a_draft_article(site: Path) -> None:
    assert not list(site.glob("blog/**/a-draft-post"))
    for page in ("blog", "blog/category/fact-checks", "."):
        assert "A draft post" not in (site / page / "index.html").read_text("utf-8")


def test_tags_index_lists_articles_under_their_own_and_their_claims_tags(site: Path) -> None:
    tags = soup(site, "tags")
    found = {
        h2.get_text(strip=True): [a["href"] for a in h2.find_next_sibling("ul").select("a")]
        for h2 in tags.select("h2[id^='tag:']")
    }
    assert found == {
        "crime": ["../en/newer/"],  # its own tag and its claim's
        "history": ["../en/older/"],
        "statistics": ["../en/newer/"],  # only the boxed claim 'rising' has it
    }


def test_claims_index_grouped_by_tag(tmp_path: Path) -> None:
    site = built(tmp_path, "claims_index_group: tag")
    index = soup(site, "claims")
    groups = {
        h2.get_text(strip=True): [
            (li["data-claim"], li.get_text()) for li in h2.find_next_sibling("ul").select("li")
        ]
        for h2 in index.select("article h2")
    }
    assert list(groups) == ["crime", "history", "statistics", "Without a tag"]
    assert [ident for ident, _ in groups["crime"]] == ["rising"]
    assert "◐ Partly confirmed" in groups["crime"][0][1]
    assert [ident for ident, _ in groups["Without a tag"]] == ["budget", "postclaim"]
    assert_entry_hooks(index)


def test_gh_deploy_publishes_the_whole_site(tmp_path: Path) -> None:
    """``mkdocs gh-deploy`` builds with our staged swap, then pushes: offline, to a bare
    repository on disk."""
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    root = tmp_path / "src"
    shutil.copytree(SITE, root)
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=root, check=True)
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "site"], cwd=root, check=True)
    subprocess.run(["git", "remote", "add", "deploy", str(remote)], cwd=root, check=True)
    result = mkdocs(root, "gh-deploy", "--remote-name", "deploy", "--remote-branch", "pages")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    tree = subprocess.run(
        ["git", "ls-tree", "-r", "--name-only", "pages"],
        cwd=remote,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    for path in (
        ".nojekyll",
        "index.html",
        "claims/index.html",
        "claims/rising/index.html",  # written after the page loop, inside the staged folder
        "sources/index.html",
        f"{POST}/index.html",
        "claimreviews.json",
    ):
        assert path in tree
    assert not [p for p in tree if p.startswith(".site")]  # no staging folder published
    home = subprocess.run(
        ["git", "show", "pages:index.html"], cwd=remote, capture_output=True, text=True, check=True
    ).stdout
    assert "data-articles" in home
    assert not [p.name for p in root.iterdir() if p.name.startswith(".site")]


def test_claims_index_grouped_by_verdict(tmp_path: Path) -> None:
    index = soup(built(tmp_path, "claims_index_group: verdict"), "claims")
    groups = {
        h2.get_text(strip=True): [
            li["data-claim"] for li in h2.find_next_sibling("ul").select("li")
        ]
        for h2 in index.select("article h2")
    }
    assert groups == {
        "✓ Confirmed": ["founded", "postclaim"],
        "◐ Partly confirmed": ["rising"],
        "✗ False": ["budget"],
    }
    assert index.select_one(".xp-claims-filter, .xp-claims-filter__field") is None  # no form
    assert_entry_hooks(index)


def assert_entry_hooks(index: BeautifulSoup) -> None:
    """The grouped index's entries carry the content format's hooks too: ``data-claim``
    and ``data-status`` on each ``<li>``, naming the claim it links and its verdict."""
    data = yaml.safe_load((SITE / "content" / "claims" / "claims.yml").read_text("utf-8"))
    claims = {c["id"]: c for c in data["claims"]}
    items = index.select("article ul.xp-claims-index > li")
    assert items
    for li in items:
        assert li.select_one("a")["href"].startswith(li["data-claim"] + "/")
        assert li["data-status"] == str(claims[li["data-claim"]]["status"]).lower()
