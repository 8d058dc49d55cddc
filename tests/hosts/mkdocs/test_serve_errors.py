"""Under `mkdocs serve`, content errors go on every page as an error view instead of
failing the build (which would hang every request), and the page recovers by itself
once the files are fixed. `mkdocs build` with the same errors still fails and writes
nothing.

Each case of ``tests/fixtures/serve/breakages.md`` replaces one file of the fixture
site (first input line: its path) and lists the lines the error view must show.
"""

from __future__ import annotations

import shutil
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from markdown_it.utils import read_fixture_file
from test_serve import Server

from explainers.data.diagnostics import Diagnostic
from explainers.site import error_view as overlay

from browser import axe_violations, browser_page, serious
from helpers import FIXTURES
from sitebuild import build

SITE = FIXTURES / "serve"
CASES = read_fixture_file(SITE / "breakages.md")
PAGES = {  # every page of the fixture site, and the language its error view speaks
    "index.html": "en",
    "nb/artikkel/index.html": "nb",
    "claims/index.html": "en",
    "sources/index.html": "en",
    "404.html": "en",
}


def copy_site(dest: Path) -> Path:
    shutil.copytree(SITE, dest, ignore=shutil.ignore_patterns("breakages.md"))
    return dest


def apply(root: Path, case_input: str) -> None:
    path, _, text = case_input.partition("\n")
    (root / path).write_text(text, "utf-8")


def serve_build(root: Path, out: Path, dirty: bool = False) -> None:
    """One build exactly as `mkdocs serve` runs it (its builder, without the server)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    # MkDocs warns on every dirty build, which --strict would count: dirty goes without it.
    strict = {"strict": False} if dirty else {}
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(out), **strict)
    config.plugins.on_startup(command="serve", dirty=dirty)
    config.site_url = "http://127.0.0.1:8000/"
    mkdocs_build(config, serve_url=config.site_url, dirty=dirty)


def error_view(html: str) -> tuple[str, list[str]] | None:
    """(language, the listed lines) of a page's error view; None if it has none."""
    view = BeautifulSoup(html, "html.parser").find(id=overlay.ELEMENT_ID)
    if view is None:
        return None
    return str(view["lang"]), [li.get_text() for li in view.select("ol > li")]


@pytest.mark.build
@pytest.mark.parametrize(
    ("line", "title", "case_input", "expected"), CASES, ids=[c[1] for c in CASES]
)
def test_every_page_shows_the_errors_and_build_still_fails(
    tmp_path: Path, line: int, title: str, case_input: str, expected: str
) -> None:
    root = copy_site(tmp_path / "src")
    apply(root, case_input)
    serve_build(root, tmp_path / "served")
    lines = expected.splitlines()
    for page, lang in PAGES.items():
        html = (tmp_path / "served" / page).read_text("utf-8")
        assert error_view(html) == (lang, lines), page
        assert "<img src=x" not in html, "YAML text is escaped"

    result = build(root)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert not (root / "site").exists(), "no partial site"
    assert not list(root.glob(".site*")), "no staging folder left behind"


def test_no_error_view_without_errors(tmp_path: Path) -> None:
    root = copy_site(tmp_path / "src")
    serve_build(root, tmp_path / "served")
    for page in PAGES:
        assert error_view((tmp_path / "served" / page).read_text("utf-8")) is None, page


def test_dirty_serve_puts_the_view_on_every_page_and_takes_it_away(tmp_path: Path) -> None:
    """`serve --dirty` rebuilds only changed pages: a broken data file changes none."""
    root = copy_site(tmp_path / "src")
    out = tmp_path / "served"
    claims = root / "data" / "claims" / "claims.yml"
    good = claims.read_text("utf-8")
    serve_build(root, out, dirty=True)
    apply(root, CASES[0][2])
    serve_build(root, out, dirty=True)
    assert all(error_view((out / page).read_text("utf-8")) for page in PAGES)
    claims.write_text(good, "utf-8")
    serve_build(root, out, dirty=True)
    assert [p for p in PAGES if error_view((out / p).read_text("utf-8"))] == []


def test_builds_leave_the_garbage_collector_as_they_found_it(tmp_path: Path) -> None:
    """The plugin freezes what it loaded for the length of a build (a large site's data
    would otherwise be walked by every collection); after the build, and after a build
    that fails, nothing stays frozen, or a long `serve` would never free old builds."""
    import gc

    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    root = copy_site(tmp_path / "src")
    gc.unfreeze()  # an earlier test's loads (outside a build) may have frozen theirs
    serve_build(root, tmp_path / "served")
    assert gc.get_freeze_count() == 0
    apply(root, CASES[0][2])
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(tmp_path / "b"))
    config.plugins.on_startup(command="build", dirty=False)
    with pytest.raises(Abort):  # MkDocs' own report of the plugin's error
        mkdocs_build(config)
    assert gc.get_freeze_count() == 0


def test_each_rendered_page_is_frozen_with_what_it_keeps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What survives a page's render lives through the build: it is frozen, so later
    collections do not walk it again; the page's garbage is collected first."""
    import gc

    from explainers.hosts.mkdocs.plugin import ExplainersPlugin

    assert gc.isenabled(), "an earlier test left the collector off"
    frozen: list[int] = []  # after each page: objects left in the oldest generation
    real = ExplainersPlugin.on_page_content

    def on_page_content(self, html, **kwargs):
        garbage = [[]]
        garbage[0].append(garbage)  # a cycle, unreachable once this returns
        del garbage
        result = real(self, html, **kwargs)
        frozen.append(len(gc.get_objects(generation=2)))  # what a full collection walks
        return result

    monkeypatch.setattr(ExplainersPlugin, "on_page_content", on_page_content)
    collected: list[int] = []
    callback = lambda phase, info: collected.append(info["collected"]) if phase == "stop" else None  # noqa: E731
    gc.callbacks.append(callback)
    try:
        serve_build(copy_site(tmp_path / "src"), tmp_path / "out")
    finally:
        gc.callbacks.remove(callback)
    assert frozen == [0] * (len(PAGES) - 1)  # every page but 404.html
    assert sum(collected) >= len(frozen), "each page's garbage went first"
    assert gc.get_freeze_count() == 0


def test_a_finished_build_lets_go_of_the_site_model(tmp_path: Path) -> None:
    """MkDocs keeps its plugins (and the config listing the extension) until the
    interpreter exits, whose last collections would walk every claim: on a large site
    over a second after the last page. ``on_shutdown`` lets go of the model."""
    import gc
    import weakref

    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    root = copy_site(tmp_path / "src")
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(tmp_path / "b"))
    config.plugins.on_startup(command="build", dirty=False)
    mkdocs_build(config)
    plugin = config.plugins["explainers"]
    assert plugin.build.loaded is not None and plugin.build.loaded.site.claims
    site = weakref.ref(plugin.build.loaded.site)
    claim = weakref.ref(next(iter(plugin.build.loaded.site.claims.values())))
    config.plugins.on_shutdown()
    gc.collect()
    assert site() is None and claim() is None
    assert (tmp_path / "b" / "index.html").is_file()  # the site it built stays


def test_serve_compiles_a_template_once_and_again_when_it_is_edited(tmp_path: Path) -> None:
    """MkDocs makes a new Jinja environment for every build; under serve the plugin keeps
    the compiled templates, and an edited theme override is compiled anew."""
    root = copy_site(tmp_path / "src")
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace("  font: false\n", "  font: false\n  custom_dir: over\n"),
        "utf-8",
    )
    (root / "over").mkdir()
    override = root / "over" / "main.html"
    override.write_text('{% extends "base.html" %}{% block footer %}FOOT-1{% endblock %}', "utf-8")
    serve_build(root, tmp_path / "out")
    from mkdocs.config import load_config

    plugin = load_config(config_file=str(config)).plugins["explainers"]
    kept = dict(plugin.template_code.code)
    assert kept, "compiled templates kept for the next build"
    assert "FOOT-1" in (tmp_path / "out" / "index.html").read_text("utf-8")
    override.write_text(override.read_text("utf-8").replace("FOOT-1", "FOOT-2"), "utf-8")
    serve_build(root, tmp_path / "out")
    assert "FOOT-2" in (tmp_path / "out" / "index.html").read_text("utf-8")
    assert set(plugin.template_code.code) == set(kept), "one entry per template"
    assert [k for k in kept if plugin.template_code.code[k] != kept[k]], "main.html anew"


def test_a_second_serve_build_compiles_no_template_of_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pages' Jinja environment takes the kept templates for every template it
    loads, the language partials the plugin looks up included (Material's search
    plugin compiles its own, in an environment of its own)."""
    import jinja2

    root = copy_site(tmp_path / "src")
    serve_build(root, tmp_path / "out")
    compiled: list[tuple[jinja2.Environment, str | None]] = []
    real = jinja2.Environment.compile

    def compile(self: jinja2.Environment, source: str, name: str | None = None, *a: Any) -> Any:
        compiled.append((self, name))
        return real(self, source, name, *a)

    monkeypatch.setattr(jinja2.Environment, "compile", compile)
    serve_build(root, tmp_path / "out")
    from mkdocs.config import load_config

    env = load_config(config_file=str(root / "mkdocs.yml")).plugins["explainers"].env
    assert env is not None
    assert [name for made_in, name in compiled if made_in is env] == []


def test_error_view_escapes_and_counts() -> None:
    problems = [
        Diagnostic("a<b>.yml", 1, 2, "error", 'status "</dialog><script>x()</script>"'),
        Diagnostic("c.md", 3, 4, "warning", "it & that"),
    ]
    page = overlay.inject('<html><body class="x"><p>page</p></body></html>', problems, "en")
    assert page.startswith('<html><body class="x"><dialog id="xp-errors"')
    assert page.endswith("</script><p>page</p></body></html>")
    assert "<script>x()" not in page and "a<b>" not in page
    soup = BeautifulSoup(page, "html.parser")
    assert soup.find("h2").get_text() == "2 problems in the content"
    assert [li.get_text() for li in soup.select("#xp-errors li")] == [str(d) for d in problems]
    assert overlay.inject("<body>x</body>", [], "en") == "<body>x</body>"
    one = BeautifulSoup(overlay.html(problems[:1], "nb"), "html.parser")
    assert one.find("h2").get_text() == "1 problem i innholdet"


# -- the real dev server in a real browser ------------------------------------------------


class DevServer(Server):
    """`mkdocs serve` as an editor runs it (strict as mkdocs.yml says), with its log kept."""

    def __init__(self, root: Path) -> None:
        super().__init__(root, strict=None)

    def answer(self, path: str) -> tuple[int, str]:
        """A request that must be answered: a hanging server fails it (no timing measured)."""
        try:
            with urllib.request.urlopen(self.base + path, timeout=20) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")


@pytest.mark.build
@pytest.mark.browser
def test_browser_shows_the_error_view_and_recovers_by_itself(tmp_path: Path) -> None:
    root = copy_site(tmp_path / "src")
    claims = root / "data" / "claims" / "claims.yml"
    good = claims.read_text("utf-8")
    broken_input, broken_lines = next((c[2], c[3]) for c in CASES if "does not parse" in c[1])
    server = DevServer(root)
    try:
        mark = server.wait_for("Serving on")
        with browser_page() as page:
            page.goto(server.base, wait_until="load")
            page.locator(".xp-claim__text").filter(has_text="Smugglers pay bounties.").wait_for()
            assert page.locator("#xp-errors").count() == 0
            page.evaluate("window.notReloaded = true")

            time.sleep(1.1)  # let the watcher settle so the next write is seen as a change
            apply(root, broken_input)
            mark = server.wait_for("Reloading browsers", mark)
            view = page.locator("#xp-errors")
            view.wait_for(state="visible", timeout=30_000)  # the page reloaded by itself
            assert page.evaluate("window.notReloaded === undefined")
            assert view.locator("ol > li").all_inner_texts() == broken_lines.splitlines()
            assert page.locator("#xp-errors-title").inner_text() == (
                f"{len(broken_lines.splitlines())} problems in the content"
            )
            assert page.evaluate("document.getElementById('xp-errors').matches(':modal')")
            assert page.evaluate("document.activeElement.closest('#xp-errors') !== null")
            assert page.locator("span.xp-unknown").count() >= 1, "inert placeholders"
            assert serious(axe_violations(page, "'#xp-errors'")) == []

            for path in ("", "nb/artikkel/", "claims/", "sources/", "no-such-page/"):
                status, html = server.answer(path)  # answered, not stuck waiting for a good build
                assert status == (404 if path == "no-such-page/" else 200)
                assert error_view(html) is not None, path
            assert error_view(server.answer("nb/artikkel/")[1])[0] == "nb"  # type: ignore[index]

            page.keyboard.press("Escape")
            view.wait_for(state="hidden")
            page.evaluate("window.notReloaded = true")
            time.sleep(1.1)
            claims.write_text(good.replace("Smugglers pay bounties.", "Smugglers pay more."))
            server.wait_for("Reloading browsers", mark + 1)
            page.locator(".xp-claim__text").filter(has_text="Smugglers pay more.").wait_for(
                timeout=30_000
            )
            assert page.evaluate("window.notReloaded === undefined")
            assert page.locator("#xp-errors").count() == 0
    finally:
        server.stop()
    output = "\n".join(server.lines)
    assert "Traceback" not in output
    assert "An error happened during the rebuild" not in output
    for line in broken_lines.splitlines():  # the terminal shows them as before
        level = "ERROR  " if ": error: " in line else "WARNING"
        assert f"{level} -  {line}" in server.lines
