"""Hostile text in every YAML field comes out inert: escaped, no executable markup,
no non-http(s) links, no third-party loads, JSON-LD that cannot be broken out of."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from explainers.site.claims_filter import SCRIPT_URI as FILTER_SCRIPT

from browser import browser_page, serve
from helpers import FIXTURES
from sitebuild import build, log_lines

HOSTILE = FIXTURES / "hostile"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    shutil.copytree(HOSTILE, root, dirs_exist_ok=True)
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert log_lines(result, "WARNING") == []
    return root / "site"


def pages(site: Path) -> list[Path]:
    return [p for p in sorted(site.rglob("*.html")) if p.name != "404.html"]


@pytest.mark.build
def test_no_executable_markup_from_yaml(hostile_site: Path) -> None:
    for file in pages(hostile_site):
        soup = BeautifulSoup(file.read_text("utf-8"), "html.parser")
        article = soup.select_one("article") or soup
        for tag in article.find_all(True):
            for name, value in tag.attrs.items():
                assert not name.lower().startswith("on"), f"{file}: {tag.name} {name}"
                if name in ("href", "src", "action", "formaction"):
                    assert str(value).strip().lower().startswith(
                        ("http://", "https://", "#", "../", "./")
                    ) or ("://" not in str(value) and ":" not in str(value).split("/")[0]), (
                        f"{file}: {name}={value}"
                    )
        for tag in article.find_all(["script", "iframe", "img", "svg", "style", "object", "embed"]):
            # the claims index's filter: the package's own script, a fixed address
            ours = tag.name == "script" and tag.get("src") == "../" + FILTER_SCRIPT
            assert ours or (tag.name == "script" and tag.get("type") == "application/ld+json"), (
                f"{file}: {tag}"
            )
        for script in soup.find_all("script"):
            if script.get("type") == "application/ld+json":
                assert "</" not in script.string and "<" not in script.string
                json.loads(script.string)
            else:
                assert "__xss" not in (script.string or ""), f"{file}: payload inside a script"


@pytest.mark.build
def test_the_claims_index_keeps_yaml_text_inside_its_attributes(hostile_site: Path) -> None:
    """The filter reads each entry's data attributes: the YAML text comes back from them
    as written, so it never left the attribute's quotes; there is no data file."""
    soup = BeautifulSoup((hostile_site / "claims" / "index.html").read_text("utf-8"), "html.parser")
    (entry,) = soup.select(".xp-claims-list > li")
    assert entry["data-claim"] == "xss-claim" and entry["data-status"] == "unconfirmed"
    assert entry["data-claimant"] == "<script>window.__xss=1</script>"
    assert not (hostile_site / "claims" / "claims-data.js").exists()


@pytest.mark.build
def test_payloads_show_as_text(hostile_site: Path) -> None:
    soup = BeautifulSoup((hostile_site / "index.html").read_text("utf-8"), "html.parser")
    text = soup.select_one("article").get_text()
    assert "<script>window.__xss=1</script>Report" in text
    assert '<img src=x onerror="window.__xss=1">' in text
    assert "[click](javascript:window.__xss=1)" in text
    assert "[data link](data:text/html" in text
    links = [a["href"] for a in soup.select("article a[href]")]
    assert "https://example.org/fine" in links, "http(s) Markdown links in YAML still work"
    assert not soup.select("article img"), "images in YAML Markdown never load"


@pytest.mark.build
def test_claim_page_title_is_escaped(hostile_site: Path) -> None:
    raw = (hostile_site / "claims" / "xss-claim" / "index.html").read_text("utf-8")
    soup = BeautifulSoup(raw, "html.parser")
    assert "<img" not in soup.title.decode_contents()
    assert soup.title.get_text().startswith("<img src=x onerror=window.__xss=1>")


@pytest.mark.build
@pytest.mark.browser
def test_no_payload_runs_in_a_real_browser(hostile_site: Path) -> None:
    with serve(hostile_site) as base, browser_page() as page:
        requests: list[str] = []
        dialogs: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for path in ("", "claims/xss-claim/", "claims/"):
            page.goto(base + path, wait_until="load")
            for selector in ("[data-post] a", "[data-claim] a", "a[data-cite]", "summary"):
                for handle in page.query_selector_all(selector)[:5]:
                    handle.hover()
            page.wait_for_timeout(200)
            assert page.evaluate("typeof window.__xss") == "undefined", path
        assert dialogs == []
        foreign = [url for url in requests if not url.startswith(base)]
        assert foreign == [], "the page loaded something from outside the site"
