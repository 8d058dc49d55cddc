"""Box and source HTML kept from one build to the next (:mod:`explainers.site.fragment_cache`):
found again only for the same data, labels, scale and renderer code, and the page is
the same either way."""

from __future__ import annotations

import importlib
import shutil
import sys
from pathlib import Path

import pytest

from explainers.data.cache import Cache
from explainers.data.load import load_site
from explainers.page.renderer import Renderer
from explainers.site import fragment_cache as fragments

from helpers import FIXTURES, render

PAGE = """\
# Page

Text [@a; @b].

::claim[closed]

::claim[contested]

::sources
"""


def loaded(root: Path):
    result = load_site(root, root / "claims", root / "sources")
    assert not result.report.errors
    return result


def key_of(root: Path, renderer: type[Renderer] = Renderer, labels=None, scale="") -> str | None:
    return fragments.fragments_key(loaded(root).digest, renderer, labels or {}, scale)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "data", tmp_path / "data")
    return tmp_path / "data"


def test_a_later_build_finds_the_fragments_and_renders_the_same_page(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = Cache(tmp_path / "cache")
    first = loaded(data)
    ident = key_of(data)
    assert ident is not None
    assert fragments.restore(first.site, cache, ident, Renderer) == 0
    html, _ = render(PAGE, site=first.site)
    # held as UTF-8 (half a str's memory for text past Latin-1), made and restored alike
    made = {k: v for k, v in first.site.memo.items() if k[0] is Renderer}
    assert made and all(isinstance(v, bytes) for v in made.values())
    saved = fragments.save(first.site, cache, ident, Renderer, 0)
    assert saved == len([k for k in first.site.memo if k[0] is Renderer]) > 0

    second = loaded(data)  # another build: a new site object, a new in-memory cache
    assert fragments.restore(second.site, Cache(tmp_path / "cache"), ident, Renderer) == saved
    assert {k: v for k, v in second.site.memo.items() if k[0] is Renderer} == made
    for name in ("box_head", "box_tail", "reference"):
        monkeypatch.setattr(Renderer, name, lambda *a, **k: pytest.fail("made again"))
    again, _ = render(PAGE, site=second.site)
    assert again == html
    # nothing new: nothing written again
    assert fragments.save(second.site, cache, ident, Renderer, saved) == saved


def test_the_key_changes_with_everything_a_fragment_is_made_from(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = key_of(data)
    assert base == key_of(data), "the same inputs, the same key"
    assert key_of(data, labels={"en": {"sources": "Works cited"}}) != base
    assert key_of(data, scale="another scale") != base

    claims = data / "claims" / "claims.yml"
    text = claims.read_text("utf-8")
    claims.write_text(text.replace("status: disputed", "status: confirmed", 1), "utf-8")
    assert key_of(data) != base, "a data file's bytes"
    claims.write_text(text, "utf-8")
    assert key_of(data) == base

    module = tmp_path / "house_style.py"
    module.write_text(
        "from explainers import Renderer\nclass House(Renderer):\n    pass\n", "utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    house = importlib.import_module("house_style").House
    styled = key_of(data, house)
    assert styled not in (None, base), "the renderer class"
    module.write_text(module.read_text("utf-8") + "# restyled\n", "utf-8")
    assert key_of(data, house) != styled, "the renderer's code, read each build"
    sys.modules.pop("house_style")

    made_here = type("Made", (Renderer,), {"__module__": "no_such_module"})
    assert key_of(data, made_here) is None, "a class no file defines is never kept"


def test_a_damaged_entry_only_costs_time(data: Path, tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    site = loaded(data).site
    ident = key_of(data)
    assert ident is not None
    html, _ = render(PAGE, site=site)
    stored = [[*k[1:], v.decode()] for k, v in site.memo.items() if k[0] is Renderer]
    cache.put(fragments.SPACE, ident, [stored[0], ["en", "box-head"], *stored[1:]])
    fresh = loaded(data).site
    assert fragments.restore(fresh, Cache(tmp_path / "cache"), ident, Renderer) == 1
    assert render(PAGE, site=fresh)[0] == html
    cache.put(fragments.SPACE, ident, {"not": "a list"})
    assert fragments.restore(loaded(data).site, Cache(tmp_path / "cache"), ident, Renderer) == 0


def test_the_key_covers_the_package_code_and_the_digest_the_scale(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from explainers.data import cache as cache_module
    from explainers.data.scales import scale_from_config

    base = key_of(data)
    with monkeypatch.context() as patch:
        patch.setattr(cache_module, "code_version", lambda: "another version")
        assert key_of(data) != base
    with monkeypatch.context() as patch:
        patch.setattr(fragments, "_libraries", lambda: b"another babel")
        assert key_of(data) != base
    assert key_of(data) == base
    scale = scale_from_config({"open": {"en": "Open", "settled": False}})
    plain = load_site(data, data / "claims", data / "sources").digest
    assert load_site(data, data / "claims", data / "sources", scale).digest != plain


def test_only_this_renderers_fragments_are_stored_and_a_store_is_kept_while_used(
    data: Path,
) -> None:
    class Other(Renderer):
        pass

    cache = Cache()  # in memory: an entry no run used is gone after forget_unused
    site = loaded(data).site
    ident = key_of(data)
    assert ident is not None
    render(PAGE, site=site)
    mine = len(site.memo)
    site.memo[("source-ids",)] = "not a fragment"
    site.memo[(Other, "en", "box-head", "closed", True)] = "another renderer's"
    assert fragments.save(site, cache, ident, Renderer, 0) == mine
    stored = cache.get(fragments.SPACE, ident)
    assert len(stored) == mine and all(item[-1] != "another renderer's" for item in stored)

    for _ in range(2):  # builds that add nothing keep the entry alive, unwritten
        cache.forget_unused()
        assert fragments.save(site, cache, ident, Renderer, mine) == mine
    cache.forget_unused()
    assert fragments.restore(loaded(data).site, cache, ident, Renderer) == mine


def test_restored_fragments_are_held_once_in_the_memo_not_also_as_read(
    data: Path, tmp_path: Path
) -> None:
    """On a large site the stored fragments' lists are megabytes: once the memo has the
    fragments, the cache does not keep what it read from disk beside them."""
    first = loaded(data)
    ident = key_of(data)
    assert ident is not None
    render(PAGE, site=first.site)
    saved = fragments.save(first.site, Cache(tmp_path / "cache"), ident, Renderer, 0)
    cache, second = Cache(tmp_path / "cache"), loaded(data)
    assert fragments.restore(second.site, cache, ident, Renderer) == saved > 0
    for stored in (tmp_path / "cache" / fragments.SPACE).glob("*.json"):
        stored.unlink()
    assert cache.get(fragments.SPACE, ident) is None  # not held: read from disk, now gone


def test_restored_keys_share_one_string_per_language_kind_and_id(
    data: Path, tmp_path: Path
) -> None:
    """JSON gives every key of the stored fragments its own strings (at N=1,000 75,000 of
    them, 3.9 MiB held through the build): the restored keys share one of each, as the
    keys the renderer makes do."""
    first = loaded(data)
    ident = key_of(data)
    assert ident is not None
    render(PAGE, site=first.site)
    saved = fragments.save(first.site, Cache(tmp_path / "cache"), ident, Renderer, 0)
    second = loaded(data)
    assert fragments.restore(second.site, Cache(tmp_path / "cache"), ident, Renderer) == saved
    keys = [k for k in second.site.memo if k[0] is Renderer]
    assert len(keys) == saved > 2
    parts = [part for k in keys for part in k[1:] if isinstance(part, str)]
    distinct = {id(part) for part in parts}
    assert len(distinct) == len(set(parts)) < len(parts)  # "en", "box-head": one each
