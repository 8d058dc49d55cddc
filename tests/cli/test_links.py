"""``explainers links`` against loopback servers (never the internet): what each kind of
answer means, politeness measured on the server side, the record's three-checks rule
with a fake clock, and the command's output."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import socket
import ssl
import time
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import pytest
from linkserver import CERT, LinkServer

from explainers.cli import main
from explainers.cli.link_check import Checker, Options, host_key, retry_after
from explainers.cli.link_record import KEEP, Check, Record, RecordError, Rule
from explainers.cli.link_report import link_options, run_links
from explainers.hosts.mkdocs_yml import ConfigError, read_site_config

FAST = Options(concurrency=8, per_host=4, interval=0.0, timeout=1.0, retries=1, max_retry_after=2)


def trusting() -> ssl.SSLContext:
    """A context that trusts the test certificate (as a desk would pass --ca-bundle)."""
    return ssl.create_default_context(cafile=str(CERT))


@pytest.fixture(scope="module")
def server() -> Iterator[LinkServer]:
    with LinkServer() as running:
        yield running


@pytest.fixture(scope="module")
def tls_server() -> Iterator[LinkServer]:
    with LinkServer(tls=True) as running:
        yield running


# -- 1. what each answer means: (path, result, status, reason) --------------------------

CASES = [
    ("/ok", "ok", 200, ""),
    ("/plain", "ok", 200, ""),
    ("/chain/3", "ok", 200, ""),  # three 301s, then 200
    ("/moved", "ok", 200, ""),
    ("/gone", "dead", 404, "404"),
    ("/removed", "dead", 410, "410"),
    ("/home-redirect", "dead", 200, "redirect to the site's root"),
    ("/soft", "dead", 200, "redirect to a not-found page"),
    ("/soft-title", "dead", 200, "a not-found page"),
    ("/loop-a", "failed", 302, "redirect loop"),
    ("/chain/7", "failed", 0, "more than 5 redirects"),
    ("/bad-scheme", "failed", 301, "redirect to a non-web address"),
    ("/nohead", "ok", 200, ""),  # HEAD 405, then GET
    ("/headfail", "ok", 200, ""),  # HEAD 500, then GET
    ("/forbidden", "unknown", 403, "403"),
    ("/login", "unknown", 401, "401"),
    ("/always-busy", "unknown", 429, "429"),
    ("/busy-long", "unknown", 429, "429"),  # Retry-After past max_retry_after: given up
    ("/broken", "failed", 500, "500"),
    ("/flaky", "ok", 200, ""),  # 503 once, then fine on the retry
    ("/slow", "failed", 0, "timed out"),
]


@pytest.fixture(scope="module")
def outcomes(server: LinkServer) -> dict[str, object]:
    checker = Checker(FAST)
    return {
        url.removeprefix(server.base): outcome
        for url, outcome in checker.run(server.url(p) for p, *_ in CASES).items()
    }


@pytest.mark.parametrize(("path", "result", "status", "reason"), CASES)
def test_each_answer_means_what_iabot_says(
    outcomes: dict[str, object], path: str, result: str, status: int, reason: str
) -> None:
    outcome = outcomes[path]
    assert (outcome.result, outcome.status, outcome.reason) == (result, status, reason)  # type: ignore[attr-defined]


def test_head_first_get_only_where_head_does_not_settle_it(
    outcomes: dict[str, object], server: LinkServer
) -> None:
    methods = {(h.method, h.path) for h in server.hits}
    assert ("HEAD", "/plain") in methods and ("GET", "/plain") not in methods
    assert ("GET", "/nohead") in methods and ("GET", "/headfail") in methods
    assert ("GET", "/gone") in methods  # HEAD failed: GET confirms
    assert ("GET", "/forbidden") in methods


def test_requests_name_the_project_and_its_version(
    outcomes: dict[str, object], server: LinkServer
) -> None:
    agents = {h.agent for h in server.hits}
    assert len(agents) == 1
    assert agents.pop().startswith(f"explainers/{metadata.version('explainers')} (")


def test_retries_and_redirects_are_bounded(outcomes: dict[str, object], server: LinkServer) -> None:
    # one retry: /broken is asked HEAD+GET twice, never more
    assert server.asked["/broken"] == 4
    assert server.asked["/chain/7"] <= 2 * 6


def test_tls_trusted_only_when_told(tls_server: LinkServer) -> None:
    url = tls_server.url("/ok")
    trusted = Checker(Options(interval=0, timeout=2, ssl_context=trusting())).run([url])[url]
    assert (trusted.result, trusted.status) == ("ok", 200)
    refused = Checker(Options(interval=0, timeout=2)).run([url])[url]
    assert refused.result == "failed"
    assert refused.reason.startswith("TLS failure (")
    assert "self" in refused.reason and "signed" in refused.reason


def test_dns_and_connection_failures(monkeypatch: pytest.MonkeyPatch) -> None:
    real = socket.getaddrinfo

    def resolve(host: str, *args: object, **kwargs: object) -> object:
        if host == "no-such-host.invalid":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there now
    dns, refused = "http://no-such-host.invalid/page", f"http://127.0.0.1:{port}/page"
    found = Checker(Options(interval=0, timeout=1, retries=0)).run([dns, refused])
    assert (found[dns].result, found[dns].reason) == ("failed", "DNS failure")
    assert (found[refused].result, found[refused].reason) == ("failed", "connection refused")


# -- 2. politeness, measured on the server ----------------------------------------------


def test_per_host_limit_and_interval_hold_while_hosts_run_side_by_side() -> None:
    """Measured on the servers; a server thread notes a request a little late when the
    machine is busy, so single gaps get a tolerance and the median none."""
    with LinkServer(delay=0.05) as one, LinkServer(address="127.0.0.2", delay=0.05) as two:
        urls = [s.url(f"/chain/{n % 2}?n={n}") for s in (one, two) for n in range(12)]
        options = Options(concurrency=8, per_host=2, interval=0.1, timeout=2)
        Checker(options).run(urls)
        for s in (one, two):
            hits = sorted(s.hits, key=lambda h: h.start)
            assert len(hits) == 30  # 6 HEADs; 6 redirected: HEAD, HEAD, then GET, GET
            assert max(sum(1 for o in hits if o.start <= h.start < o.end) for h in hits) <= 2
            gaps = sorted(b.start - a.start for a, b in itertools.pairwise(hits))
            assert gaps[len(gaps) // 2] >= 0.1 - 0.002
            assert sum(gap < 0.05 for gap in gaps) <= 2  # a late note shortens the next gap
        # the two hosts were checked side by side, not one after the other
        spans = [(min(h.start for h in s.hits), max(h.end for h in s.hits)) for s in (one, two)]
        both = max(end for _, end in spans) - min(start for start, _ in spans)
        assert both < 1.5 * max(end - start for start, end in spans)


def test_429_retry_after_is_honoured(server: LinkServer) -> None:
    checker = Checker(Options(interval=0.01, timeout=2, max_retry_after=5))
    url = server.url("/busy")
    assert checker.run([url])[url].result == "ok"
    busy = [h for h in server.hits if h.path == "/busy"]
    assert busy[1].start - busy[0].start >= 1.0  # Retry-After: 1
    assert checker._hosts[host_key(url)].interval == 0.01  # back to normal once it answered


def test_the_pause_doubles_while_a_host_keeps_asking_to_wait() -> None:
    with LinkServer() as alone:
        url = alone.url("/always-busy")
        checker = Checker(Options(interval=0.05, timeout=2, retries=3, max_retry_after=5))
        assert checker.run([url])[url].result == "unknown"
        starts = [h.start for h in alone.hits]
        gaps = [b - a for a, b in itertools.pairwise(starts)]
        assert len(gaps) == 3
        for gap, pause in zip(gaps, (0.1, 0.2, 0.4), strict=True):
            assert gap >= pause - 0.03  # without doubling: 0.05


def test_retry_after_forms() -> None:
    assert retry_after("7") == 7.0
    assert retry_after("Sun, 06 Dec 2026 01:00:10 GMT", now=1796518800.0) == 10.0
    assert retry_after("soon") is None and retry_after(None) is None


# -- 3. the record: three checks three days apart (a fake clock) -----------------------

DAY0 = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


def _site(
    tmp_path: Path, sources: str, links: str = "{interval: 0, timeout: 1, retries: 0}"
) -> Path:
    root = tmp_path / "site"
    (root / "content" / "sources").mkdir(parents=True)
    (root / "content" / "claims").mkdir()
    (root / "mkdocs.yml").write_text(
        f"site_name: T\ndocs_dir: content\nplugins:\n  - explainers:\n      links: {links}\n",
        "utf-8",
    )
    (root / "content" / "sources" / "s.yml").write_text(sources, "utf-8")
    return root


def _sources(url: str, archive: str = "") -> str:
    text = f"sources:\n  - id: report\n    title: A report\n    url: {url}\n"
    return text + (f"    archive_url: {archive}\n" if archive else "")


def _run(root: Path, days: float, **kwargs: object) -> list[str]:
    cfg = read_site_config(root)
    run = run_links(
        cfg, link_options(cfg.links, "mkdocs.yml"), now=DAY0 + dt.timedelta(days=days), **kwargs
    )  # type: ignore[arg-type]
    return [str(d) for d in run.report.sorted()]


def test_dead_only_after_three_failures_three_days_apart(
    tmp_path: Path, server: LinkServer
) -> None:
    state = {"status": 404}
    server.routes["/toggle"] = lambda m, c: (state["status"], {}, "T", 0.0)
    root = _site(tmp_path, _sources(server.url("/toggle")))
    failing = "content/sources/s.yml:4:10: warning: source 'report' url is failing (404 since 2026-11-02; {n} of 3 checks): open it to see; it is reported dead after 3 failed checks at least 3 days apart"
    dead = f"content/sources/s.yml:4:10: error: source 'report' url is dead (404 since 2026-11-02): add archive_url (e.g. https://web.archive.org/web/{server.url('/toggle')}) and update accessed"
    asked = lambda: server.asked["/toggle"]  # noqa: E731
    assert _run(root, 0) == [failing.format(n=1)]
    before = asked()
    assert _run(root, 1) == [failing.format(n=1)]  # not due: nothing asked
    assert asked() == before
    assert _run(root, 2, all_links=True) == [failing.format(n=1)]  # checked, too soon to count
    assert asked() > before
    assert _run(root, 3) == [failing.format(n=2)]
    assert _run(root, 5.9) == [failing.format(n=2)]
    assert _run(root, 6) == [dead]
    state["status"] = 200
    assert _run(root, 8) == [dead]  # a dead link waits recheck_days
    assert _run(root, 13) == []
    assert _run(root, 14) == []


def test_an_archive_copy_turns_the_error_into_a_warning(tmp_path: Path, server: LinkServer) -> None:
    root = _site(tmp_path, _sources(server.url("/gone"), server.url("/ok")))
    for day in (0, 3):
        _run(root, day)
    assert _run(root, 6) == [
        "content/sources/s.yml:4:10: warning: source 'report' url is dead (404 since 2026-11-02); readers still have its archive_url: if the page moved, set url to its new address and update accessed"
    ]
    root = _site(tmp_path / "2", _sources(server.url("/ok"), server.url("/removed")))
    for day in (0, 3):
        _run(root, day)
    url = server.url("/ok")
    assert _run(root, 6) == [
        f"content/sources/s.yml:5:18: warning: source 'report' archive_url is dead (410 since 2026-11-02): find another archived copy (https://web.archive.org/web/*/{url}) and set archive_url to it"
    ]


def test_a_sources_file_that_does_not_parse_keeps_its_history(
    tmp_path: Path, server: LinkServer
) -> None:
    url = server.url("/gone")
    root = _site(tmp_path, _sources(url))
    _run(root, 0)
    record = root / "explainers-links.json"
    assert url in json.loads(record.read_text("utf-8"))["links"]
    (root / "content" / "sources" / "s.yml").write_text(_sources(url) + "  - id: [\n", "utf-8")
    (root / "content" / "sources" / "t.yml").write_text(
        _sources(server.url("/ok")).replace("report", "other"), "utf-8"
    )
    _run(root, 1)
    assert url in json.loads(record.read_text("utf-8"))["links"]  # not forgotten
    (root / "content" / "sources" / "s.yml").unlink()
    _run(root, 2)
    assert url not in json.loads(record.read_text("utf-8"))["links"]  # no source gives it now


def _check(day: float, result: str) -> Check:
    return Check(DAY0 + dt.timedelta(days=day), result, 404 if result == "dead" else 0, result)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("history", "state", "counted"),
    [
        ([], "unchecked", 0),
        ([(0, "ok")], "ok", 0),
        ([(0, "unknown")], "unknown", 0),
        ([(0, "dead")], "failing", 1),
        ([(0, "dead"), (1, "dead"), (2, "dead"), (2.9, "dead")], "failing", 1),
        ([(0, "dead"), (3, "failed"), (6, "dead")], "dead", 3),
        ([(0, "dead"), (3, "unknown"), (4, "dead"), (7, "dead")], "dead", 3),
        ([(0, "dead"), (3, "dead"), (4, "ok"), (6, "dead")], "failing", 1),
        ([(0, "dead"), (3, "dead"), (6, "dead"), (7, "ok")], "ok", 0),
        ([(0, "ok"), (1, "unknown")], "unknown", 0),
    ],
)
def test_record_rule(history: list[tuple[float, str]], state: str, counted: int) -> None:
    record = Record({"u": [_check(d, r) for d, r in history]} if history else {})
    found = record.state("u", Rule())
    assert (found.state, found.counted) == (state, counted)


def test_record_keeps_what_the_rule_counts_and_is_deterministic(tmp_path: Path) -> None:
    record = Record()
    from explainers.cli.link_check import Outcome

    for hour in range(0, 24 * 7, 4):  # a failure every four hours for a week
        record.add(Outcome("u", "dead", 404, "404"), DAY0 + dt.timedelta(hours=hour), Rule())
    checks = record.links["u"]
    assert len(checks) <= KEEP + 3
    assert record.state("u", Rule()).state == "dead"  # the counted ones were kept
    assert record.state("u", Rule()).since == "2026-11-02"
    path = tmp_path / "r.json"
    record.save(path)
    text = path.read_text("utf-8")
    assert Record.load(path).dumps() == text
    first = json.loads(text)["links"]["u"]["checks"][0]
    assert first == {"at": "2026-11-02T09:00:00Z", "reason": "404", "result": "dead", "status": 404}
    assert list(json.loads(text)) == ["format", "links"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "not JSON"),
        ('{"format": 1}', 'no "links" mapping'),
        ('{"format": 9, "links": {}}', "format 9"),
        (
            '{"format": 1, "links": {"u": {"checks": [{"at": "x", "result": "ok"}]}}}',
            "u: a check's time",
        ),
    ],
)
def test_unreadable_record(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "r.json"
    path.write_text(text, "utf-8")
    with pytest.raises(RecordError, match=message):
        Record.load(path)


# -- 4. options and the command line ---------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("nope", "links must be a mapping of options"),
        ({"wait": 1}, "links: unknown option 'wait' \\(known: record, recheck_days"),
        ({"per_host": 0}, "links: per_host must be at least 1"),
        ({"per_host": 1.5}, "links: per_host must be a whole number, not 1.5"),
        ({"timeout": 0}, "links: timeout must be more than 0"),
        ({"interval": "fast"}, "links: interval must be a number, not 'fast'"),
        ({"record": ""}, "links: record must be a file name"),
    ],
)
def test_bad_options(raw: object, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        link_options(raw, "mkdocs.yml")


def test_flags_override_options() -> None:
    options = link_options(
        {"interval": 2, "per_host": 3}, "mkdocs.yml", interval=0.5, per_host=None
    )
    assert (options.interval, options.per_host, options.recheck_days) == (0.5, 3, 7.0)


def _old_failures(root: Path, url: str) -> None:
    now = dt.datetime.now(dt.UTC)
    record = Record({url: [Check(now - dt.timedelta(days=d), "dead", 404, "404") for d in (6, 3)]})
    record.save(root / "explainers-links.json")


def test_command_reports_a_dead_url_and_exits_1(
    tmp_path: Path, server: LinkServer, capsys: pytest.CaptureFixture[str]
) -> None:
    url = server.url("/gone")
    root = _site(
        tmp_path,
        _sources(url) + "  - id: fine\n    title: Fine\n    url: " + server.url("/ok") + "\n",
    )
    _old_failures(root, url)
    assert main(["links", str(root), "--interval", "0"]) == 1
    out, err = capsys.readouterr()
    since = (dt.datetime.now(dt.UTC) - dt.timedelta(days=6)).date().isoformat()
    assert out == (
        f"content/sources/s.yml:4:10: error: source 'report' url is dead (404 since {since}): "
        f"add archive_url (e.g. https://web.archive.org/web/{url}) and update accessed\n"
    )
    assert (
        err
        == "2 addresses in 2 sources, 2 checked now: 1 alive, 1 dead, 0 failing, 0 could not be checked: 1 error\n"
    )
    # nothing is due now: offline says so, and the record still reports the dead link
    assert main(["links", str(root), "--offline"]) == 0
    assert capsys.readouterr() == ("", "2 addresses in 2 sources: 0 would be checked now\n")
    assert main(["links", str(root), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [d["severity"] for d in data["diagnostics"]] == ["error"]
    assert [(x["url"], x["state"], x["status"]) for x in data["links"]] == [
        (url, "dead", 404),
        (server.url("/ok"), "ok", 200),
    ]


def test_offline_checks_nothing(
    tmp_path: Path, server: LinkServer, capsys: pytest.CaptureFixture[str]
) -> None:
    url = server.url("/offline-only")
    root = _site(tmp_path, _sources(url))
    assert main(["links", str(root), "--offline"]) == 0
    assert capsys.readouterr() == (
        f"would check {url} (never checked)\n",
        "1 address in 1 source: 1 would be checked now\n",
    )
    assert server.asked[url] == 0 and not (root / "explainers-links.json").exists()


def test_command_trusts_a_ca_bundle_only_when_given(
    tmp_path: Path, tls_server: LinkServer, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _site(tmp_path, _sources(tls_server.url("/ok")))
    assert main(["links", str(root), "--ca-bundle", str(CERT)]) == 0
    assert capsys.readouterr().err.endswith(
        ": 1 alive, 0 dead, 0 failing, 0 could not be checked: no problems\n"
    )
    assert main(["links", str(root), "--all"]) == 0
    out = capsys.readouterr().out
    assert "url is failing (TLS failure (" in out
    assert main(["links", str(root), "--ca-bundle", str(tmp_path / "none.pem")]) == 2
    assert "cannot read the CA bundle" in capsys.readouterr().err


def test_a_broken_record_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _site(tmp_path, _sources("https://example.org/a"))
    (root / "explainers-links.json").write_text("{", "utf-8")
    assert main(["links", str(root), "--offline"]) == 2
    err = capsys.readouterr().err
    assert "explainers-links.json: cannot read the link record: not JSON" in err
    assert "fix it, or delete it to start a new one" in err
    assert (root / "explainers-links.json").read_text("utf-8") == "{"


def test_a_body_that_trickles_in_is_cut_at_the_timeout(server: LinkServer) -> None:
    """The GET after a redirect reads the page's start within ``timeout`` in all, though
    every byte comes well within it (the server sends one every 0.25 s for 5 s)."""
    start = time.monotonic()
    url = server.url("/trickle")
    found = Checker(Options(interval=0, timeout=1.0, retries=0)).run([url])[url]
    assert (found.result, found.status) == ("ok", 200)
    assert time.monotonic() - start < 3.0


def test_checks_take_the_time_they_should(server: LinkServer) -> None:
    """A timeout is bounded: /slow (3 s) gives up after 0.2 s per try."""
    start = time.monotonic()
    url = server.url("/slow")
    found = Checker(Options(interval=0, timeout=0.2, retries=1)).run([url])[url]
    assert found.reason == "timed out"
    assert time.monotonic() - start < 2.5
