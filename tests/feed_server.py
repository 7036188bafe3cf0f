"""A real HTTP server on loopback for the feed tests, with per-path answers and a record of requests.

    with FeedServer() as server:
        server.route("/feed.xml", body=b"<rss>...</rss>", headers={"ETag": '"v1"'})
        server.route("/old", status=301, headers={"Location": server.url("/feed.xml")})
        server.route("/slow", handler=trickle(b"<rss/>", interval=0.5))
        fetch_feed(server.url("/feed.xml"))
        server.requests[0].headers["User-Agent"]

- ``FeedServer(host="127.0.0.1", port=0, ssl_context=None)`` serves on ``host`` in a thread
  (``http.server.ThreadingHTTPServer``), on a free port unless ``port`` names one, and over TLS
  with a server-side ``ssl.SSLContext``; ``url(path)`` is the address of a path on it.
- ``route(path, status=200, headers=None, body=b"", handler=None, length=True, etag=None)`` says
  what ``GET path`` gets (the query string is ignored). ``Content-Length`` is added unless
  ``headers`` has one or ``length=False``. With ``etag``, the answer carries that ``ETag`` and a
  request whose ``If-None-Match`` names it gets a bare 304 instead (a ``handler`` is then not
  called; otherwise it sends its own ETag). A ``handler`` takes the request (a
  ``BaseHTTPRequestHandler``) and writes the whole answer itself: ``request.send_response(...)``,
  ``request.send_header(...)``, ``request.end_headers()``, ``request.wfile.write(...)``. It should
  stop when ``server.stopping`` is set. Ready-made handlers: ``trickle``, ``stream``, ``stall``,
  ``trickle_headers``. A path nobody routed gets 404.
- ``requests`` lists what came in (``method``, ``path``, ``headers``), in order; ``bytes_sent``
  counts every byte written to clients (status line and headers included); ``wait_idle()``
  waits until no request is being answered, e.g. before reading ``bytes_sent``. ``reset()``
  forgets the routes, requests and byte count, for a server that several tests share.
- A client that hangs up in the middle is normal here (that is what the tests provoke): the
  broken pipe ends the handler quietly.
"""

import dataclasses
import http.server
import socket
import threading
import time
from urllib.parse import urlsplit


@dataclasses.dataclass
class Request:
    method: str
    path: str
    headers: dict

    def header(self, name, default=None):
        """A request header, whatever its case."""
        for key, value in self.headers.items():
            if key.lower() == name.lower():
                return value
        return default


class _CountingWriter:
    def __init__(self, wfile, server):
        self._wfile = wfile
        self._server = server

    def write(self, data):
        written = self._wfile.write(data)
        with self._server.lock:
            self._server.bytes_sent += len(data)
        return written

    def flush(self):
        self._wfile.flush()

    def __getattr__(self, name):
        return getattr(self._wfile, name)


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    feed_server = None  # set on the subclass each FeedServer makes

    def setup(self):
        super().setup()
        self.wfile = _CountingWriter(self.wfile, self.feed_server)

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        server = self.feed_server
        path = urlsplit(self.path).path
        with server.lock:
            server.requests.append(Request(self.command, self.path, dict(self.headers.items())))
            server.active += 1
            answer = server.routes.get(path)
        try:
            if answer is None:
                self._answer(404, {}, b"Not found", True)
            elif answer["etag"] and self.headers.get("If-None-Match") == answer["etag"]:
                self._answer(304, {"ETag": answer["etag"]}, b"", True)
            elif answer["handler"] is not None:
                answer["handler"](self)
            else:
                self._answer(answer["status"], answer["headers"], answer["body"], answer["length"])
        except (TimeoutError, BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            self.close_connection = True
        finally:
            with server.lock:
                server.active -= 1

    def _answer(self, status, headers, body, length):
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if length and not any(name.lower() == "content-length" for name in headers):
            self.send_header("Content-Length", str(len(body)))
        if not length:
            # Without a length, the end of the body is the end of the connection.
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        self.wfile.write(body)


class FeedServer:
    def __init__(self, host="127.0.0.1", port=0, ssl_context=None):
        self.host = host
        self.scheme = "https" if ssl_context else "http"
        self.lock = threading.Lock()
        self.routes = {}
        self.requests = []
        self.bytes_sent = 0
        self.active = 0
        self.stopping = threading.Event()
        handler = type("FeedHandler", (_Handler,), {"feed_server": self})
        server_class = http.server.ThreadingHTTPServer
        if ":" in host:
            server_class = type("IPv6Server", (server_class,), {"address_family": socket.AF_INET6})
        self.httpd = server_class((host, port), handler)
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False
        self.port = self.httpd.server_address[1]
        if ssl_context is not None:
            self.httpd.socket = ssl_context.wrap_socket(self.httpd.socket, server_side=True)
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(timeout=5)

    def url(self, path="/"):
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{host}:{self.port}{path}"

    def route(self, path, status=200, headers=None, body=b"", handler=None, length=True, etag=None):
        headers = dict(headers or {})
        if etag:
            headers["ETag"] = etag
        with self.lock:
            self.routes[path] = {
                "status": status,
                "headers": headers,
                "body": body,
                "handler": handler,
                "length": length,
                "etag": etag,
            }

    def reset(self):
        with self.lock:
            self.routes.clear()
            self.requests.clear()
            self.bytes_sent = 0

    def wait_idle(self, timeout=5):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with self.lock:
                if self.active == 0:
                    return True
            time.sleep(0.02)
        return False


def _stopping(request):
    return request.feed_server.stopping.is_set()


def trickle(body, interval=0.5, headers=None):
    """A handler that sends ``body`` one byte per ``interval`` seconds, with its Content-Length."""

    def handler(request):
        request.send_response(200)
        for name, value in (headers or {}).items():
            request.send_header(name, value)
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        for index in range(len(body)):
            if _stopping(request):
                return
            request.wfile.write(body[index : index + 1])
            time.sleep(interval)

    return handler


def trickle_headers(interval=0.5):
    """A handler that sends its status line, then header bytes one per ``interval``, endlessly."""

    def handler(request):
        request.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
        while not _stopping(request):
            request.wfile.write(b"a")
            time.sleep(interval)

    return handler


def stall(seconds, status=200):
    """A handler that sends its headers, then nothing for ``seconds`` before ending the body."""

    def handler(request):
        request.send_response(status)
        request.send_header("Content-Length", "5")
        request.end_headers()
        request.wfile.flush()
        end = time.monotonic() + seconds
        while time.monotonic() < end and not _stopping(request):
            time.sleep(0.05)
        request.wfile.write(b"<rss>")

    return handler


def stream(total, chunk=64 * 1024, length=True, content_type="application/rss+xml"):
    """A handler that sends ``total`` bytes as fast as the client takes them, with or without a
    Content-Length (without one, the connection's end is the body's end)."""

    def handler(request):
        request.send_response(200)
        request.send_header("Content-Type", content_type)
        if length:
            request.send_header("Content-Length", str(total))
        else:
            request.send_header("Connection", "close")
            request.close_connection = True
        request.end_headers()
        block = b"x" * chunk
        sent = 0
        while sent < total and not _stopping(request):
            piece = block[: min(chunk, total - sent)]
            request.wfile.write(piece)
            sent += len(piece)

    return handler
