"""The demo on every host: MkDocs, ProperDocs and Zensical build the same content,
and every page MkDocs makes (generated ones included) comes out of the other two
with the same hooks, source lists and page language. Run by ``make check``; the test
suite builds its own fixture site the same way (``tests/hosts/test_hosts.py``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hosts.test_hosts import HOSTS, _reviews, build_with, page_hooks, write_pages

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("demo")
    for name in ("content", "site_config"):
        shutil.copytree(REPO / name, root / name)
    for name in ("mkdocs.yml", "zensical.toml"):
        shutil.copy(REPO / name, root / name)
    write_pages(root)
    return {host: build_with(host, root) for host in HOSTS}


@pytest.mark.parametrize("host", ["properdocs", "zensical"])
def test_demo_pages_have_the_same_hooks_on_every_host(built: dict[str, Path], host: str) -> None:
    expected = page_hooks(built["mkdocs"])
    assert len(expected) >= 15
    assert page_hooks(built[host]) == expected


def test_demo_claim_pages_carry_the_same_reviews(built: dict[str, Path]) -> None:
    mkdocs, zensical = _reviews(built["mkdocs"]), _reviews(built["zensical"])
    claim_pages = sorted(p for p in mkdocs if p.startswith("claims/") and p != "claims/index.html")
    assert claim_pages
    assert {p: zensical.get(p) for p in claim_pages} == {p: mkdocs[p] for p in claim_pages}


@pytest.mark.parametrize("host", HOSTS)
def test_no_yaml_published(built: dict[str, Path], host: str) -> None:
    assert [p for p in built[host].rglob("*") if p.suffix in (".yml", ".yaml")] == []
