"""The one way partner feeds are fetched: ``fetch_feed(url, etag=..., last_modified=...)``.

A feed URL is typed in by a partner or an editor, so the server that answers it is not trusted.
Feed readers that fetch whatever URL they are given have been used to reach the network behind
them: stringer and fastladder were both hit by server-side request forgery through *redirects*
(the first URL was public, a redirect pointed at ``http://169.254.169.254/`` or ``127.0.0.1``).
Hence, for every fetch:

- only http and https, for the URL given and for every redirect target;
- redirects are followed here, one hop at a time (``allow_redirects=False``), at most
  ``MAX_REDIRECTS``; a loop ends at once;
- no address on a loopback, private, link-local, multicast, reserved or unspecified network
  (IPv4 and IPv6, IPv4-mapped IPv6 included), unless ``settings.FEEDS_ALLOW_PRIVATE_HOSTS``
  (dev and tests, which serve feeds on loopback). The check sits in the connection itself
  (``_CheckedConnection``): it resolves the host, checks every address, connects to a checked
  address and checks the socket's peer once more. A lookup before connecting would not do: DNS
  can answer differently the second time (DNS rebinding). Host header and TLS name (SNI,
  certificate) stay the URL's host;
- connect and read timeouts, and a total deadline for the whole fetch, redirects included. A
  server that trickles a byte at a time never trips a read timeout, so a watchdog thread shuts
  the fetch's sockets down at the deadline, whatever the fetch is blocked in (headers, body, TLS);
- at most ``settings.FEEDS_MAX_BYTES``: refused early on a ``Content-Length`` over it, and the
  (decompressed) body is streamed and abandoned as soon as it passes it;
- conditional GET with the ETag and Last-Modified of the previous fetch; 304 is a normal result;
- no proxies, ``.netrc`` or other settings from the environment (``trust_env = False``): a proxy
  would be the only address checked.

Every failure is a ``FetchError`` whose text is a short Dutch reason for the admin's run log;
nothing from requests, urllib3 or socket gets out.
"""

import contextlib
import contextvars
import dataclasses
import http.client
import ipaddress
import socket
import sys
import threading
import time
from urllib.parse import urljoin, urlsplit

import requests
import urllib3
from django.conf import settings
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import (
    ConnectTimeoutError,
    DecodeError,
    LocationParseError,
    NameResolutionError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
)
from urllib3.util.connection import allowed_gai_family, create_connection

MAX_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
CHUNK_SIZE = 64 * 1024
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
# Networks that Python's ipaddress (in some versions) does not flag, but which lead somewhere other
# than the public host they seem: carrier-grade NAT, IETF protocol assignments, the 6to4 relay,
# local-use NAT64 and SRv6. NAT64's well-known prefix is judged by its IPv4 address instead.
_EXTRA_BLOCKED = tuple(
    ipaddress.ip_network(network)
    for network in ("100.64.0.0/10", "192.0.0.0/24", "192.88.99.0/24", "64:ff9b:1::/48", "5f00::/16")
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class FetchError(Exception):
    """A feed could not be fetched; ``str(exc)`` is a short, plain-Dutch reason fit for the admin's
    run log (e.g. "Het adres verwijst naar een intern netwerk (10.0.0.5).", "De feed is groter dan
    5 MB.", "De server antwoordde niet binnen 20 seconden.", "Te veel doorverwijzingen (meer dan
    5).", "De server antwoordde 404 Not Found.")."""


@dataclasses.dataclass
class FetchedFeed:
    url: str  # the final URL after redirects
    status: int  # 200, or 304 (not modified: content is b"")
    content: bytes
    content_type: str  # the Content-Type header, "" when absent
    # The validators to send next time, "" when absent. A 304 that names none keeps the ones sent.
    etag: str
    last_modified: str


# --- Which addresses a feed may come from ---------------------------------------------------------


class _RefusedAddress(Exception):
    def __init__(self, address):
        super().__init__(address)
        self.address = address


def is_public_address(address):
    """Whether a feed may be fetched from ``address`` (an IP address as a string).

    False for loopback, private, link-local, multicast, reserved, unspecified and other
    non-global networks, in IPv4 and IPv6. An IPv6 address that stands for an IPv4 one
    (IPv4-mapped, NAT64) is judged by that address; a 6to4 one must wrap a public address too.
    """
    try:
        ip = ipaddress.ip_address(str(address).strip("[]"))
    except ValueError:
        return False
    if ip.version == 6:
        if ip.ipv4_mapped is not None:
            return is_public_address(str(ip.ipv4_mapped))
        if ip in _NAT64:
            return is_public_address(str(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)))
        if ip.sixtofour is not None and not is_public_address(str(ip.sixtofour)):
            return False
    return not (
        ip.is_loopback
        or ip.is_private
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
        or any(ip in network for network in _EXTRA_BLOCKED if network.version == ip.version)
    )


def _check_address(address):
    if not is_public_address(address):
        raise _RefusedAddress(str(address).split("%")[0])


def _resolve(host, port):
    """The addresses ``host`` resolves to, in the order to try them."""
    infos = socket.getaddrinfo(host, port, allowed_gai_family(), socket.SOCK_STREAM)
    return list(dict.fromkeys(info[4][0] for info in infos))


# --- One fetch: its rule on private addresses, its deadline and the watchdog that enforces it -----


class _Fetch:
    def __init__(self, allow_private, seconds):
        self.allow_private = allow_private
        self.deadline = time.monotonic() + seconds
        self.cut_off = False
        self._lock = threading.Lock()
        self._finished = False
        # Duplicates of the fetch's sockets: shutting one down ends any read blocked on the
        # original, and being the fetch's own, they can never be another thread's socket by then.
        self._sockets = []
        self._timer = threading.Timer(seconds, self._cut)
        self._timer.daemon = True
        self._timer.start()

    def remaining(self):
        return self.deadline - time.monotonic()

    def expired(self):
        return self.cut_off or self.remaining() <= 0

    def watch(self, sock):
        with self._lock:
            if not self._finished:
                self._sockets.append(sock.dup())

    def _cut(self):
        with self._lock:
            if self._finished:
                return
            self.cut_off = True
            for sock in self._sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def finish(self):
        self._timer.cancel()
        with self._lock:
            self._finished = True
            for sock in self._sockets:
                sock.close()
            self._sockets.clear()


_current_fetch = contextvars.ContextVar("partner_feed_fetch", default=None)


# --- The connection that checks the address it connects to ----------------------------------------


class _CheckedConnection:
    """Mixin for urllib3's connections: connects to checked addresses only (see the docstring)."""

    def _new_conn(self):
        fetch = _current_fetch.get()
        if fetch is not None and fetch.allow_private:
            sock = super()._new_conn()
        else:
            sock = self._connect_to_public_address()
        if fetch is not None:
            fetch.watch(sock)
        return sock

    def _connect_to_public_address(self):
        try:
            addresses = _resolve(self.host.strip("[]"), self.port)
        except socket.gaierror as error:
            raise NameResolutionError(self.host, self, error) from error
        # Every address, not only the first: a name with one public and one internal address is
        # somebody's trick, not a partner's feed.
        for address in addresses:
            _check_address(address)
        error = OSError("no address")
        for address in addresses:
            try:
                sock = create_connection(
                    (address, self.port),
                    self.timeout,
                    source_address=self.source_address,
                    socket_options=self.socket_options,
                )
            except TimeoutError as timeout:
                raise ConnectTimeoutError(self, f"Connection to {self.host} timed out.") from timeout
            except OSError as failure:
                error = failure
                continue
            try:
                _check_address(sock.getpeername()[0])
            except BaseException:
                sock.close()
                raise
            sys.audit("http.client.connect", self, self.host, self.port)
            return sock
        raise NewConnectionError(self, f"Failed to establish a new connection: {error}") from error


class _CheckedHTTPConnection(_CheckedConnection, HTTPConnection):
    pass


class _CheckedHTTPSConnection(_CheckedConnection, HTTPSConnection):
    pass


class _CheckedHTTPConnectionPool(HTTPConnectionPool):
    ConnectionCls = _CheckedHTTPConnection


class _CheckedHTTPSConnectionPool(HTTPSConnectionPool):
    ConnectionCls = _CheckedHTTPSConnection


class _CheckedAdapter(HTTPAdapter):
    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": _CheckedHTTPConnectionPool,
            "https": _CheckedHTTPSConnectionPool,
        }


def _session():
    session = requests.Session()
    session.trust_env = False
    adapter = _CheckedAdapter()
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers.update({"User-Agent": settings.FEEDS_USER_AGENT, "Accept": ACCEPT})
    return session


# --- Fetching ----------------------------------------------------------------------------------


def _seconds(value):
    return f"{value:g}".replace(".", ",")


def _size(limit):
    if limit >= 1024 * 1024:
        return f"{_seconds(round(limit / (1024 * 1024), 1))} MB"
    return f"{_seconds(round(limit / 1024, 1))} kB"


def _host_of(url, redirected=False):
    try:
        parts = urlsplit(url)
        hostname = parts.hostname
        parts.port  # noqa: B018 -- raises ValueError on a port that is not a number
    except ValueError as error:
        raise FetchError("Het adres is ongeldig.") from error
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        shown = f" ({scheme[:20]})" if scheme else ""
        if redirected:
            raise FetchError(f"De server verwees door naar een adres dat geen http of https is{shown}.")
        raise FetchError(f"Alleen http- en https-adressen kunnen worden opgehaald{shown}.")
    if not hostname:
        raise FetchError("Het adres mist een servernaam.")
    return hostname


def _status_error(response):
    try:
        phrase = http.HTTPStatus(response.status_code).phrase
    except ValueError:
        phrase = ""
    return FetchError(f"De server antwoordde {response.status_code} {phrase}".rstrip() + ".")


def _causes(error):
    """``error`` and everything it wraps (requests wraps urllib3, which wraps socket)."""
    found, stack = [], [error]
    while stack:
        current = stack.pop()
        if not isinstance(current, BaseException) or any(current is seen for seen in found):
            continue
        found.append(current)
        stack.extend([current.__cause__, current.__context__, getattr(current, "reason", None)])
        stack.extend(current.args)
    return found


def _reason(error, host, fetch):
    """The Dutch reason for a failure of requests, urllib3 or socket."""
    causes = _causes(error)

    def caused_by(*types):
        return any(isinstance(cause, types) for cause in causes)

    refused = next((cause for cause in causes if isinstance(cause, _RefusedAddress)), None)
    if refused is not None:
        return f"Het adres verwijst naar een intern netwerk ({refused.address})."
    if fetch.expired():
        return str(_too_slow())
    if caused_by(NameResolutionError, socket.gaierror):
        return f"De servernaam {host} is niet gevonden."
    if caused_by(requests.exceptions.SSLError, urllib3.exceptions.SSLError):
        return f"De beveiligde verbinding met {host} mislukte (certificaat of TLS)."
    if caused_by(requests.exceptions.ConnectTimeout, ConnectTimeoutError) and not caused_by(
        NewConnectionError
    ):
        return f"Geen verbinding met {host} binnen {_seconds(settings.FEEDS_CONNECT_TIMEOUT)} seconden."
    if caused_by(NewConnectionError, ConnectionRefusedError):
        return f"Geen verbinding met {host} mogelijk."
    if caused_by(requests.exceptions.ReadTimeout, ReadTimeoutError, TimeoutError):
        return f"De server bleef langer dan {_seconds(settings.FEEDS_READ_TIMEOUT)} seconden stil."
    if caused_by(requests.exceptions.ContentDecodingError, DecodeError):
        return "De feed kon niet worden uitgepakt (ongeldige compressie)."
    if caused_by(
        requests.exceptions.InvalidURL,
        requests.exceptions.MissingSchema,
        requests.exceptions.InvalidSchema,
        LocationParseError,
        UnicodeError,
    ):
        return "Het adres is ongeldig."
    if caused_by(requests.exceptions.ChunkedEncodingError, ProtocolError, http.client.HTTPException):
        return f"De verbinding met {host} werd verbroken of het antwoord was geen geldig HTTP."
    return f"De feed kon niet worden opgehaald van {host}."


def _too_slow():
    return FetchError(f"De server antwoordde niet binnen {_seconds(settings.FEEDS_DEADLINE)} seconden.")


def _read_body(response, fetch):
    limit = settings.FEEDS_MAX_BYTES
    too_big = FetchError(f"De feed is groter dan {_size(limit)}.")
    try:
        if int(response.headers.get("Content-Length", "")) > limit:
            raise too_big
    except ValueError:
        pass
    chunks, size = [], 0
    for chunk in response.iter_content(CHUNK_SIZE):
        size += len(chunk)
        if size > limit:
            raise too_big
        if fetch.expired():
            raise _too_slow()
        chunks.append(chunk)
    if fetch.cut_off:
        # The watchdog shut the connection, and a body without a length merely looked complete.
        raise _too_slow()
    return b"".join(chunks)


def _validators(response, etag="", last_modified=""):
    return {
        "content_type": response.headers.get("Content-Type", ""),
        "etag": response.headers.get("ETag", etag),
        "last_modified": response.headers.get("Last-Modified", last_modified),
    }


def _get(session, url, headers, fetch, redirects):
    """One hop: a FetchedFeed, or the URL it redirects to."""
    remaining = fetch.remaining()
    if remaining <= 0:
        raise _too_slow()
    timeout = (min(settings.FEEDS_CONNECT_TIMEOUT, remaining), min(settings.FEEDS_READ_TIMEOUT, remaining))
    with session.get(url, headers=headers, timeout=timeout, stream=True, allow_redirects=False) as response:
        status = response.status_code
        if status in REDIRECT_STATUSES:
            location = session.get_redirect_target(response)
            if not location:
                raise FetchError(f"De server verwees door ({status}) zonder nieuw adres.")
            if redirects == MAX_REDIRECTS:
                raise FetchError(f"Te veel doorverwijzingen (meer dan {MAX_REDIRECTS}).")
            return urljoin(url, location)
        if status == 304:
            sent = {
                "etag": headers.get("If-None-Match", ""),
                "last_modified": headers.get("If-Modified-Since", ""),
            }
            return FetchedFeed(url=url, status=304, content=b"", **_validators(response, **sent))
        if status != 200:
            raise _status_error(response)
        return FetchedFeed(url=url, status=200, content=_read_body(response, fetch), **_validators(response))


def fetch_feed(url: str, *, etag: str = "", last_modified: str = "") -> FetchedFeed:
    """The feed at ``url``, following up to ``MAX_REDIRECTS`` redirects; ``FetchError`` otherwise.

    With ``etag`` or ``last_modified`` from the previous fetch the request is conditional, and an
    unchanged feed comes back with status 304 and no content.
    """
    url = str(url or "").strip()
    if not url:
        raise FetchError("Er is geen adres opgegeven.")
    host = _host_of(url)
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified

    fetch = _Fetch(settings.FEEDS_ALLOW_PRIVATE_HOSTS, settings.FEEDS_DEADLINE)
    token = _current_fetch.set(fetch)
    session = _session()
    try:
        seen, redirects = {url}, 0
        while True:
            try:
                result = _get(session, url, headers, fetch, redirects)
            except FetchError:
                raise
            except (
                _RefusedAddress,
                requests.RequestException,
                urllib3.exceptions.HTTPError,
                http.client.HTTPException,
                OSError,
                ValueError,
            ) as error:
                raise FetchError(_reason(error, host, fetch)) from error
            if isinstance(result, FetchedFeed):
                return result
            url, redirects = result, redirects + 1
            host = _host_of(url, redirected=True)
            if url in seen:
                raise FetchError("De doorverwijzingen lopen in een kring.")
            seen.add(url)
    finally:
        session.close()
        _current_fetch.reset(token)
        fetch.finish()
