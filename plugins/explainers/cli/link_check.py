"""Check web addresses politely: is each one alive, dead, failing or uncheckable?

One check of an address works as InternetArchiveBot's does: a HEAD request, then a
GET where HEAD does not give a plain success (or was redirected, so the page it lands
on can be looked at). 404 and 410 are dead, and so is a redirect to a site's root or to
a page that looks like a not-found page (a soft 404). DNS, connection, TLS failures,
timeouts, redirect loops and server errors (5xx) are failures. 401, 403 and 429 say
nothing about the page (a login or a bot wall), so they are "could not check", never dead.

Politeness, as lychee does it: at most ``per_host`` requests to one host at a time, at
least ``interval`` seconds between the starts of two requests to one host, a pause that
grows (doubles, up to ``max_interval``) each time a host answers 429 or 5xx and
shrinks back (halves, down to ``interval``) each time it answers otherwise, and a
``Retry-After`` that is honoured (up to ``max_retry_after``; longer is given up on).
Timeouts, retries and redirects are bounded. Only the standard library is used: threads
and :mod:`http.client`, one connection per request.
"""

from __future__ import annotations

import email.utils
import http.client
import logging
import re
import socket
import ssl
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from importlib import metadata
from typing import Literal
from urllib.parse import urljoin, urlsplit

log = logging.getLogger(__name__)

Result = Literal["ok", "dead", "failed", "unknown"]
#: what a check's result means for the page
RESULTS: tuple[Result, ...] = ("ok", "dead", "failed", "unknown")
#: statuses that say the page is gone
DEAD_STATUSES = (404, 410)
#: statuses that say nothing about the page: a login or a bot wall
UNCHECKABLE_STATUSES = (401, 403, 429)
BODY_LIMIT = 64 * 1024
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title", re.I | re.S)
#: the title of a not-found page, in English or Norwegian
_NOT_FOUND_TITLE = re.compile(
    r"\b(404|not found|page not found|no longer available|"
    r"finnes ikke|fant ikke|ikke funnet|siden finnes ikke)\b",
    re.I,
)
#: the path of a not-found page that a redirect lands on
_NOT_FOUND_PATH = re.compile(r"(^|/)(404|not[-_]?found|notfound|error|feil)(\.\w+)?/?$", re.I)


def user_agent() -> str:
    """Names the project and its version, so a site's owner knows who is asking."""
    try:
        version = metadata.version("explainers")
    except metadata.PackageNotFoundError:  # a source tree that is not installed
        version = "unknown"
    return f"explainers/{version} (link check of the sources a fact-check cites)"


@dataclass(frozen=True)
class Options:
    """How politely and how long to check (the ``links`` plugin options give them)."""

    concurrency: int = 16
    per_host: int = 2
    interval: float = 1.0
    max_interval: float = 60.0
    timeout: float = 10.0
    retries: int = 2
    max_redirects: int = 5
    max_retry_after: float = 60.0
    user_agent: str = field(default_factory=user_agent)
    #: the certificates to trust: None trusts the system's (a test passes its own CA)
    ssl_context: ssl.SSLContext | None = None


@dataclass(frozen=True)
class Outcome:
    """What one check of one address found."""

    url: str
    result: Result
    #: the HTTP status it ended on (0 when no answer came)
    status: int = 0
    #: a short reason for an editor: "404", "redirect to the site's root", "TLS failure"
    reason: str = ""
    #: the address it ended on after redirects (empty when none were followed)
    final_url: str = ""


@dataclass
class _Host:
    limit: int
    interval: float
    active: int = 0
    next_start: float = 0.0
    sending: bool = False
    pending: deque[str] = field(default_factory=deque)


class _Retry(Exception):
    """A host asked to wait (429, 5xx) or did not answer: try the address again later."""

    def __init__(self, outcome: Outcome, wait: float) -> None:
        super().__init__(outcome.reason)
        self.outcome = outcome
        self.wait = wait


def host_key(url: str) -> str:
    """The host an address's requests count against: scheme-less ``host:port``, lower case."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{host}:{port}"


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds a ``Retry-After`` header asks for (a number or an HTTP date); None if absent
    or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def _is_root(url: str) -> bool:
    parts = urlsplit(url)
    return parts.path in ("", "/") and not parts.query


class Checker:
    """Checks many addresses at once, never more than the per-host limit at one host.

    Workers take the next address whose host has a free slot and whose pause has passed;
    every request (a redirect, the GET after a HEAD) waits for its host's pause, so the
    interval holds between any two requests to one host."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self._cond = threading.Condition()
        self._hosts: dict[str, _Host] = {}
        self._tries: dict[str, int] = {}
        self._context: ssl.SSLContext | None = None

    def _default_context(self) -> ssl.SSLContext:
        """The system's certificates, loaded once per run (not once per request)."""
        with self._cond:
            if self._context is None:
                self._context = ssl.create_default_context()
            return self._context

    def _host(self, key: str) -> _Host:
        host = self._hosts.get(key)
        if host is None:
            host = self._hosts[key] = _Host(self.options.per_host, self.options.interval)
        return host

    # -- the schedule ----------------------------------------------------------------

    def _take(self) -> tuple[str, str] | None:
        """(host, address) of the next address that may start now; None when all are done."""
        with self._cond:
            while True:
                waiting = [h for h in self._hosts.values() if h.pending]
                if not waiting and all(h.active == 0 for h in self._hosts.values()):
                    return None
                now = time.monotonic()
                wait: float | None = None
                for key, host in self._hosts.items():
                    if not host.pending or host.active >= host.limit:
                        continue
                    if now >= host.next_start:
                        host.active += 1
                        return key, host.pending.popleft()
                    left = host.next_start - now
                    wait = left if wait is None else min(wait, left)
                self._cond.wait(wait)

    def _release(self, key: str, again: str | None = None) -> None:
        with self._cond:
            host = self._hosts[key]
            host.active -= 1
            if again is not None:
                host.pending.append(again)
            self._cond.notify_all()

    def _pace(self, key: str) -> None:
        """Wait until a request to this host may be sent: the one before it has gone out
        and ``interval`` has passed since. Book the host until :meth:`_sent`."""
        with self._cond:
            host = self._host(key)
            while True:
                now = time.monotonic()
                if not host.sending and now >= host.next_start:
                    host.sending = True
                    return
                self._cond.wait(None if host.sending else host.next_start - now)

    def _sent(self, key: str) -> None:
        """The booked request went out (or could not): the next waits ``interval`` from now,
        so a thread that was slow to send cannot bring two requests closer together."""
        with self._cond:
            host = self._host(key)
            host.sending = False
            host.next_start = max(host.next_start, time.monotonic() + host.interval)
            self._cond.notify_all()

    def _slow_down(self, key: str, wait: float) -> None:
        """A host answered 429 or 5xx: double its pause, and start nothing before ``wait``."""
        with self._cond:
            host = self._host(key)
            host.interval = min(
                self.options.max_interval, max(host.interval * 2, self.options.interval, 0.001)
            )
            host.next_start = max(host.next_start, time.monotonic() + max(wait, host.interval))
            log.debug("slowing down on %s: %.2fs between requests", key, host.interval)
            self._cond.notify_all()

    def _recover(self, key: str) -> None:
        """A host answered without asking to wait: halve its pause, down to ``interval``."""
        with self._cond:
            host = self._host(key)
            host.interval = max(self.options.interval, host.interval / 2)

    def run(
        self, urls: Iterable[str], done: Callable[[Outcome], None] | None = None
    ) -> dict[str, Outcome]:
        """Check each address once; ``done`` is called as each one is known."""
        results: dict[str, Outcome] = {}
        with self._cond:
            for url in dict.fromkeys(urls):
                self._host(host_key(url)).pending.append(url)
        lock = threading.Lock()

        def worker() -> None:
            while True:
                taken = self._take()
                if taken is None:
                    return
                key, url = taken
                again = None
                try:
                    outcome = self.check(url)
                except _Retry as retry:
                    status = retry.outcome.status
                    if status == 429 or status >= 500:
                        self._slow_down(key, min(retry.wait, self.options.max_retry_after))
                    tries = self._tries[url] = self._tries.get(url, 0) + 1
                    if tries <= self.options.retries and retry.wait <= self.options.max_retry_after:
                        again, outcome = url, None
                    else:
                        outcome = retry.outcome
                except Exception as exc:  # a bug must not hang the run: the address failed
                    log.debug("checking %s raised", url, exc_info=True)
                    outcome = Outcome(url, "failed", 0, f"{type(exc).__name__}")
                if outcome is not None and outcome.status and outcome.status < 500:
                    self._recover(key)
                self._release(key, again)
                if outcome is not None:
                    with lock:
                        results[url] = outcome
                    if done is not None:
                        done(outcome)

        workers = max(1, self.options.concurrency)
        with ThreadPoolExecutor(workers, thread_name_prefix="linkcheck") as pool:
            for future in [pool.submit(worker) for _ in range(workers)]:
                future.result()
        return results

    # -- one address -----------------------------------------------------------------

    def check(self, url: str) -> Outcome:
        """HEAD, then GET where HEAD does not settle it; raises :class:`_Retry` when the
        host asks to wait (429, 5xx) or does not answer in time."""
        try:
            try:
                head = self._follow(url, "HEAD")
            except _Retry as retry:
                if retry.outcome.status < 500:
                    raise  # 429 or a timeout: a GET now would meet the same
                head = retry.outcome  # some servers fail HEAD alone
            if head.result == "ok" and not head.final_url:
                return head
            return self._follow(url, "GET")
        except _Failed as failed:  # DNS, refused, TLS: a GET would fail the same way
            return replace(failed.outcome, url=url)
        except _Retry as retry:
            raise _Retry(replace(retry.outcome, url=url), retry.wait) from None

    def _follow(self, url: str, method: str) -> Outcome:
        seen = [url]
        current = url
        for _ in range(self.options.max_redirects + 1):
            status, location, body, wait = self._request(current, method)
            if status in (301, 302, 303, 307, 308) and location:
                target = urljoin(current, location)
                if urlsplit(target).scheme not in ("http", "https"):
                    return Outcome(url, "failed", status, "redirect to a non-web address", target)
                if target in seen:
                    return Outcome(url, "failed", status, "redirect loop", target)
                seen.append(target)
                current = target
                continue
            final = current if len(seen) > 1 else ""
            return self._judge(url, status, final, body, wait)
        return Outcome(
            url, "failed", 0, f"more than {self.options.max_redirects} redirects", current
        )

    def _judge(self, url: str, status: int, final: str, body: bytes, wait: float | None) -> Outcome:
        if status in DEAD_STATUSES:
            return Outcome(url, "dead", status, str(status), final)
        if status == 429 or status >= 500:
            outcome = Outcome(
                url, "unknown" if status == 429 else "failed", status, str(status), final
            )
            raise _Retry(outcome, wait if wait is not None else 0.0)
        if status in UNCHECKABLE_STATUSES:
            return Outcome(url, "unknown", status, str(status), final)
        if 200 <= status < 300:
            if final and _is_root(final) and not _is_root(url):
                return Outcome(url, "dead", status, "redirect to the site's root", final)
            if final and _NOT_FOUND_PATH.search(urlsplit(final).path):
                return Outcome(url, "dead", status, "redirect to a not-found page", final)
            title = _TITLE.search(body)
            if title and _NOT_FOUND_TITLE.search(title.group(1).decode("utf-8", "replace")):
                return Outcome(url, "dead", status, "a not-found page", final)
            return Outcome(url, "ok", status, "", final)
        if 300 <= status < 400:  # a redirect without a Location
            return Outcome(url, "failed", status, f"{status} without a Location", final)
        return Outcome(url, "unknown", status, str(status), final)  # other 4xx: HEAD or GET refused

    def _request(self, url: str, method: str) -> tuple[int, str, bytes, float | None]:
        """(status, Location, start of the body, Retry-After seconds) of one request;
        raises :class:`_Retry` on a failure that may pass (a timeout, a reset), else
        :class:`_Failed`."""
        parts = urlsplit(url)
        key = host_key(url)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        opts = self.options
        connection: http.client.HTTPConnection
        if parts.scheme == "https":
            context = opts.ssl_context or self._default_context()
            connection = http.client.HTTPSConnection(
                parts.hostname or "", parts.port, timeout=opts.timeout, context=context
            )
        else:
            connection = http.client.HTTPConnection(
                parts.hostname or "", parts.port, timeout=opts.timeout
            )
        self._pace(key)
        headers = {
            "User-Agent": opts.user_agent,
            "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
            "Connection": "close",
        }
        try:
            try:
                connection.request(method, path, headers=headers)
            finally:
                self._sent(key)
            response = connection.getresponse()
            body = _read_start(response, opts.timeout) if method == "GET" else b""
            return (
                response.status,
                response.getheader("Location") or "",
                body,
                retry_after(response.getheader("Retry-After")),
            )
        except socket.gaierror as exc:
            raise _Failed(Outcome(url, "failed", 0, "DNS failure")) from exc
        except ssl.SSLError as exc:
            reason = getattr(exc, "verify_message", "") or getattr(exc, "reason", "") or ""
            raise _Failed(
                Outcome(url, "failed", 0, f"TLS failure ({reason})" if reason else "TLS failure")
            ) from exc
        except TimeoutError as exc:
            raise _Retry(Outcome(url, "failed", 0, "timed out"), 0.0) from exc
        except ConnectionRefusedError as exc:
            raise _Failed(Outcome(url, "failed", 0, "connection refused")) from exc
        except (OSError, http.client.HTTPException) as exc:
            raise _Retry(
                Outcome(url, "failed", 0, f"connection failure ({type(exc).__name__})"), 0.0
            ) from exc
        finally:
            connection.close()


def _read_start(response: http.client.HTTPResponse, timeout: float) -> bytes:
    """The first :data:`BODY_LIMIT` bytes of the body (a not-found page's title is near the
    top), read within ``timeout`` seconds in all: a page that trickles in is cut short."""
    deadline = time.monotonic() + timeout
    parts: list[bytes] = []
    size = 0
    while size < BODY_LIMIT and time.monotonic() < deadline:
        chunk = response.read1(min(8192, BODY_LIMIT - size))
        if not chunk:
            break
        parts.append(chunk)
        size += len(chunk)
    return b"".join(parts)


class _Failed(Exception):
    """A failure that retrying soon will not change (DNS, refused, TLS)."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__(outcome.reason)
        self.outcome = outcome
