"""Fetching partner feeds (partners/fetching.py) against a real HTTP server on loopback.

The test settings allow loopback (the server lives there); the SSRF tests switch that off again
and show that nothing reaches the server. Elsewhere the address check still runs in every
connection, it merely lets loopback through.
"""

import gzip
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
from pathlib import Path
from unittest import mock

from django.test import SimpleTestCase, override_settings

from partners import fetching
from partners.fetching import FetchedFeed, FetchError, fetch_feed, is_public_address
from tests.feed_server import FeedServer, stall, stream, trickle, trickle_headers

RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Partner</title></channel></rss>'
MB = 1024 * 1024


def redirect(location, status=302):
    return {"status": status, "headers": {"Location": location}}


class ServerTestCase(SimpleTestCase):
    def setUp(self):
        self.server = FeedServer()
        self.server.__enter__()
        self.addCleanup(self.server.__exit__, None, None, None)

    def assertFetchError(self, url, *fragments, **kwargs):
        with self.assertRaises(FetchError) as caught:
            fetch_feed(url, **kwargs)
        message = str(caught.exception)
        for fragment in fragments:
            self.assertIn(fragment, message)
        self.assertTrue(message.endswith("."), message)
        return message


class FetchTests(ServerTestCase):
    def test_a_feed_comes_with_its_type_and_validators(self):
        self.server.route(
            "/feed.xml",
            body=RSS,
            headers={
                "Content-Type": "application/rss+xml; charset=utf-8",
                "ETag": '"v1"',
                "Last-Modified": "Wed, 01 Jan 2025 10:00:00 GMT",
            },
        )

        feed = fetch_feed(self.server.url("/feed.xml"))

        self.assertEqual(
            feed,
            FetchedFeed(
                url=self.server.url("/feed.xml"),
                status=200,
                content=RSS,
                content_type="application/rss+xml; charset=utf-8",
                etag='"v1"',
                last_modified="Wed, 01 Jan 2025 10:00:00 GMT",
            ),
        )

    def test_absent_headers_are_empty_strings(self):
        self.server.route("/feed.xml", body=RSS)

        feed = fetch_feed(self.server.url("/feed.xml"))

        self.assertEqual((feed.content_type, feed.etag, feed.last_modified), ("", "", ""))

    def test_the_request_says_who_fetches_and_what_it_wants(self):
        self.server.route("/feed.xml", body=RSS)

        with override_settings(FEEDS_USER_AGENT="LeefbaarheidGelderland-feeds/1.0 (+https://lg.example)"):
            fetch_feed(self.server.url("/feed.xml"))

        request = self.server.requests[0]
        self.assertEqual(
            request.header("User-Agent"), "LeefbaarheidGelderland-feeds/1.0 (+https://lg.example)"
        )
        self.assertIn("application/rss+xml", request.header("Accept"))
        self.assertIsNone(request.header("If-None-Match"))
        self.assertIsNone(request.header("If-Modified-Since"))

    def test_the_default_user_agent_names_the_site(self):
        self.server.route("/feed.xml", body=RSS)

        fetch_feed(self.server.url("/feed.xml"))

        self.assertRegex(
            self.server.requests[0].header("User-Agent"), r"^LeefbaarheidGelderland-feeds/1\.0 \(\+http"
        )

    def test_a_conditional_get_sends_the_validators_and_304_is_a_result(self):
        self.server.route("/feed.xml", status=304, headers={"ETag": '"v1"'})

        feed = fetch_feed(
            self.server.url("/feed.xml"), etag='"v1"', last_modified="Wed, 01 Jan 2025 10:00:00 GMT"
        )

        request = self.server.requests[0]
        self.assertEqual(request.header("If-None-Match"), '"v1"')
        self.assertEqual(request.header("If-Modified-Since"), "Wed, 01 Jan 2025 10:00:00 GMT")
        self.assertEqual((feed.status, feed.content, feed.etag), (304, b"", '"v1"'))
        # The 304 named no Last-Modified: the one sent still holds.
        self.assertEqual(feed.last_modified, "Wed, 01 Jan 2025 10:00:00 GMT")

    def test_a_304_without_validators_keeps_the_ones_sent(self):
        self.server.route("/feed.xml", status=304)

        feed = fetch_feed(self.server.url("/feed.xml"), etag='"v7"')

        self.assertEqual((feed.status, feed.etag, feed.last_modified), (304, '"v7"', ""))

    def test_error_statuses_are_fetch_errors_with_their_code(self):
        self.server.route("/gone", status=404, body=b"weg")
        self.server.route("/broken", status=500, body=b"stuk")
        self.server.route("/odd", status=299, body=b"?")

        self.assertEqual(
            self.assertFetchError(self.server.url("/gone")), "De server antwoordde 404 Not Found."
        )
        self.assertEqual(
            self.assertFetchError(self.server.url("/broken")),
            "De server antwoordde 500 Internal Server Error.",
        )
        self.assertFetchError(self.server.url("/odd"), "299")

    def test_compressed_feeds_are_unpacked(self):
        self.server.route("/feed.xml", body=gzip.compress(RSS), headers={"Content-Encoding": "gzip"})

        self.assertEqual(fetch_feed(self.server.url("/feed.xml")).content, RSS)

    def test_broken_compression_is_a_fetch_error(self):
        self.server.route("/feed.xml", body=b"this is no gzip", headers={"Content-Encoding": "gzip"})

        self.assertFetchError(self.server.url("/feed.xml"), "uitgepakt")

    def test_an_answer_that_is_no_http_is_a_fetch_error(self):
        self.server.route(
            "/feed.xml", handler=lambda request: request.wfile.write(b"SSH-2.0-OpenSSH\r\n\r\n")
        )

        self.assertFetchError(self.server.url("/feed.xml"), "127.0.0.1")

    def test_a_closed_port_is_a_fetch_error(self):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]

        self.assertEqual(
            self.assertFetchError(f"http://127.0.0.1:{port}/feed.xml"),
            "Geen verbinding met 127.0.0.1 mogelijk.",
        )

    @override_settings(FEEDS_ALLOW_PRIVATE_HOSTS=False)
    def test_a_name_that_does_not_resolve_is_a_fetch_error(self):
        with mock.patch.object(
            fetching, "_resolve", side_effect=socket.gaierror(-2, "Name or service not known")
        ):
            message = self.assertFetchError("https://feeds.partner.example/rss")

        self.assertEqual(message, "De servernaam feeds.partner.example is niet gevonden.")


class AddressTests(ServerTestCase):
    def test_only_http_and_https_addresses_are_fetched(self):
        for url in (
            "ftp://feeds.partner.example/rss",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "gopher://127.0.0.1:70/",
            "data:text/xml,<rss/>",
            "feeds.partner.example/rss",
        ):
            with self.subTest(url):
                self.assertFetchError(url, "http")

    def test_an_address_without_a_host_or_with_a_bad_port_is_refused(self):
        self.assertEqual(self.assertFetchError(""), "Er is geen adres opgegeven.")
        self.assertEqual(self.assertFetchError("http:///rss"), "Het adres mist een servernaam.")
        self.assertEqual(self.assertFetchError("http://[::1/rss"), "Het adres is ongeldig.")
        self.assertEqual(self.assertFetchError("http://example.nl:99999/"), "Het adres is ongeldig.")


class RedirectTests(ServerTestCase):
    def chain(self, hops):
        """``/r0`` redirects to ``/r1``, ... ``/r{hops}`` is the feed."""
        for hop in range(hops):
            # Relative and absolute Location headers both occur.
            location = f"/r{hop + 1}" if hop % 2 else self.server.url(f"/r{hop + 1}")
            self.server.route(f"/r{hop}", **redirect(location, status=(301, 302, 303, 307, 308)[hop % 5]))
        self.server.route(f"/r{hops}", body=RSS)
        return self.server.url("/r0")

    def test_five_redirects_are_followed_and_the_final_address_is_returned(self):
        feed = fetch_feed(self.chain(5), etag='"v1"')

        self.assertEqual((feed.status, feed.content, feed.url), (200, RSS, self.server.url("/r5")))
        self.assertEqual([request.path for request in self.server.requests], [f"/r{hop}" for hop in range(6)])
        # Every hop is the same conditional GET from the same client.
        self.assertEqual({request.header("If-None-Match") for request in self.server.requests}, {'"v1"'})
        self.assertEqual({request.method for request in self.server.requests}, {"GET"})

    def test_a_sixth_redirect_is_refused(self):
        message = self.assertFetchError(self.chain(6))

        self.assertEqual(message, "Te veel doorverwijzingen (meer dan 5).")
        self.assertNotIn("/r6", [request.path for request in self.server.requests])

    def test_a_redirect_loop_ends(self):
        self.server.route("/a", **redirect("/b"))
        self.server.route("/b", **redirect(self.server.url("/a")))
        self.server.route("/self", **redirect("/self"))

        self.assertEqual(
            self.assertFetchError(self.server.url("/a")), "De doorverwijzingen lopen in een kring."
        )
        self.assertFetchError(self.server.url("/self"), "kring")

    def test_a_redirect_to_another_scheme_is_refused(self):
        for location in (
            "ftp://feeds.partner.example/rss",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "gopher://127.0.0.1:70/",
            "data:text/xml,<rss/>",
        ):
            with self.subTest(location):
                self.server.route("/moved", **redirect(location))

                self.assertFetchError(self.server.url("/moved"), "geen http of https")

    def test_a_redirect_without_location_is_refused(self):
        self.server.route("/moved", status=302)

        self.assertFetchError(self.server.url("/moved"), "zonder nieuw adres")

    def test_the_redirect_bodies_are_not_read(self):
        self.server.route("/moved", handler=self._redirect_with_endless_body)
        self.server.route("/feed.xml", body=RSS)

        started = time.monotonic()
        feed = fetch_feed(self.server.url("/moved"))

        self.assertEqual(feed.content, RSS)
        self.assertLess(time.monotonic() - started, 3)

    def _redirect_with_endless_body(self, request):
        request.send_response(302)
        request.send_header("Location", "/feed.xml")
        request.send_header("Content-Length", str(50 * MB))
        request.end_headers()
        while not request.feed_server.stopping.is_set():
            request.wfile.write(b"x" * 65536)


class LimitTests(ServerTestCase):
    def test_a_declared_length_over_the_maximum_is_refused_before_reading(self):
        self.server.route("/big", handler=stream(50 * MB, length=True))

        started = time.monotonic()
        message = self.assertFetchError(self.server.url("/big"))

        self.assertEqual(message, "De feed is groter dan 5 MB.")
        self.assertLess(time.monotonic() - started, 3)
        self.assertTrue(self.server.wait_idle())
        self.assertLess(self.server.bytes_sent, 20 * MB)

    def test_a_body_without_length_is_abandoned_once_past_the_maximum(self):
        self.server.route("/big", handler=stream(50 * MB, length=False))

        started = time.monotonic()
        with override_settings(FEEDS_MAX_BYTES=1 * MB):
            message = self.assertFetchError(self.server.url("/big"))

        self.assertEqual(message, "De feed is groter dan 1 MB.")
        self.assertLess(time.monotonic() - started, 3)
        self.assertTrue(self.server.wait_idle())
        # Only what fitted in the sockets' buffers went out beyond the megabyte read.
        self.assertLess(self.server.bytes_sent, 20 * MB)

    def test_a_body_of_exactly_the_maximum_is_fine(self):
        self.server.route("/exact", handler=stream(1 * MB, length=False))

        with override_settings(FEEDS_MAX_BYTES=1 * MB):
            self.assertEqual(len(fetch_feed(self.server.url("/exact")).content), 1 * MB)

    def test_the_maximum_counts_the_unpacked_body(self):
        bomb = gzip.compress(b"\0" * (20 * MB))
        self.server.route("/bomb", body=bomb, headers={"Content-Encoding": "gzip"})

        self.assertLess(len(bomb), 1 * MB)
        self.assertFetchError(self.server.url("/bomb"), "groter dan 5 MB")

    @override_settings(FEEDS_DEADLINE=2)
    def test_a_trickling_body_ends_at_the_deadline(self):
        self.server.route("/slow", handler=trickle(RSS, interval=0.5))

        started = time.monotonic()
        message = self.assertFetchError(self.server.url("/slow"))

        self.assertEqual(message, "De server antwoordde niet binnen 2 seconden.")
        self.assertLess(time.monotonic() - started, 5)

    @override_settings(FEEDS_DEADLINE=2)
    def test_trickling_headers_end_at_the_deadline(self):
        self.server.route("/slow", handler=trickle_headers(interval=0.5))

        started = time.monotonic()
        self.assertFetchError(self.server.url("/slow"), "niet binnen 2 seconden")

        self.assertLess(time.monotonic() - started, 5)

    @override_settings(FEEDS_DEADLINE=2)
    def test_the_deadline_covers_the_redirects_together(self):
        def slow_redirect(target):
            def handler(request):
                time.sleep(0.6)
                request.send_response(302)
                request.send_header("Location", target)
                request.send_header("Content-Length", "0")
                request.end_headers()

            return handler

        for hop in range(5):
            self.server.route(f"/r{hop}", handler=slow_redirect(f"/r{hop + 1}"))
        self.server.route("/r5", body=RSS)

        started = time.monotonic()
        self.assertFetchError(self.server.url("/r0"), "niet binnen 2 seconden")

        self.assertLess(time.monotonic() - started, 5)
        self.assertLess(len(self.server.requests), 5)

    @override_settings(FEEDS_READ_TIMEOUT=0.5)
    def test_a_silent_server_ends_at_the_read_timeout(self):
        self.server.route("/silent", handler=stall(10))

        started = time.monotonic()
        message = self.assertFetchError(self.server.url("/silent"))

        self.assertEqual(message, "De server bleef langer dan 0,5 seconden stil.")
        self.assertLess(time.monotonic() - started, 3)


@override_settings(FEEDS_ALLOW_PRIVATE_HOSTS=False)
class PrivateAddressTests(ServerTestCase):
    """Server-side request forgery: no feed from this machine or the network behind it."""

    def test_this_machine_is_refused_before_any_request_reaches_it(self):
        port = self.server.port
        for url, address in (
            (f"http://127.0.0.1:{port}/feed.xml", "127.0.0.1"),
            (f"http://localhost:{port}/feed.xml", "127.0.0.1"),
            (f"http://127.1:{port}/feed.xml", "127.0.0.1"),
            (f"http://2130706433:{port}/feed.xml", "127.0.0.1"),
            (f"http://0x7f000001:{port}/feed.xml", "127.0.0.1"),
            (f"http://[::1]:{port}/feed.xml", "::1"),
            (f"http://[::ffff:127.0.0.1]:{port}/feed.xml", "::ffff:127.0.0.1"),
            (f"http://0.0.0.0:{port}/feed.xml", "0.0.0.0"),
        ):
            with self.subTest(url):
                message = self.assertFetchError(url)

                self.assertEqual(message, f"Het adres verwijst naar een intern netwerk ({address}).")
        self.assertEqual(self.server.requests, [])

    def test_internal_networks_are_refused_without_connecting(self):
        started = time.monotonic()
        for address in (
            "10.0.0.5",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "224.0.0.1",
            "240.0.0.1",
            "255.255.255.255",
            "[fe80::1]",
            "[fc00::1]",
            "[fd00:ec2::254]",
            "[::ffff:10.0.0.5]",
            "[::ffff:169.254.169.254]",
            "[ff02::1]",
            "[::]",
        ):
            with self.subTest(address):
                self.assertFetchError(f"http://{address}/latest/meta-data/", "intern netwerk")
        # No connection was tried: an unanswered connect to 10.0.0.5 would take seconds.
        self.assertLess(time.monotonic() - started, 2)

    def test_a_public_name_that_resolves_to_this_machine_is_refused(self):
        with mock.patch.object(fetching, "_resolve", return_value=["127.0.0.1"]):
            message = self.assertFetchError(f"http://feeds.partner.example:{self.server.port}/feed.xml")

        self.assertEqual(message, "Het adres verwijst naar een intern netwerk (127.0.0.1).")
        self.assertEqual(self.server.requests, [])

    def test_a_name_with_one_internal_address_among_public_ones_is_refused(self):
        with mock.patch.object(fetching, "_resolve", return_value=["93.184.216.34", "10.1.2.3"]):
            self.assertFetchError("http://feeds.partner.example/feed.xml", "intern netwerk (10.1.2.3)")


@override_settings(FEEDS_ALLOW_PRIVATE_HOSTS=False)
class ConnectedAddressTests(SimpleTestCase):
    """The check is on the address connected to, at every hop.

    No public server is at hand here, so these tests let one loopback address, 127.0.0.1, count as
    public, and serve "the internal network" from another, 127.0.0.2, on the same port.
    """

    def setUp(self):
        self.public = FeedServer("127.0.0.1")
        self.public.__enter__()
        self.addCleanup(self.public.__exit__, None, None, None)
        self.internal = FeedServer("127.0.0.2", port=self.public.port)
        self.internal.__enter__()
        self.addCleanup(self.internal.__exit__, None, None, None)
        self.internal.route("/latest/meta-data/", body=b"secret")
        only_one_public = mock.patch.object(fetching, "is_public_address", new=lambda ip: ip == "127.0.0.1")
        only_one_public.start()
        self.addCleanup(only_one_public.stop)

    def test_a_public_address_is_fetched_through_the_check(self):
        self.public.route("/feed.xml", body=RSS)

        self.assertEqual(fetch_feed(self.public.url("/feed.xml")).content, RSS)

    def test_a_redirect_to_an_internal_address_is_refused_at_that_hop(self):
        self.public.route("/feed.xml", **redirect(self.internal.url("/latest/meta-data/")))

        with self.assertRaises(FetchError) as caught:
            fetch_feed(self.public.url("/feed.xml"))

        self.assertEqual(str(caught.exception), "Het adres verwijst naar een intern netwerk (127.0.0.2).")
        self.assertEqual([request.path for request in self.public.requests], ["/feed.xml"])
        self.assertEqual(self.internal.requests, [])

    def test_the_connection_goes_to_the_address_that_was_checked(self):
        """DNS rebinding: the name answers a public address first and an internal one after."""
        answers = iter([["127.0.0.1"], ["127.0.0.2"], ["127.0.0.2"]])
        self.public.route("/feed.xml", body=RSS)
        self.internal.route("/feed.xml", body=b"secret")
        url = f"http://feeds.partner.example:{self.public.port}/feed.xml"

        with mock.patch.object(fetching, "_resolve", side_effect=lambda host, port: next(answers)):
            feed = fetch_feed(url)

        self.assertEqual((feed.content, feed.url), (RSS, url))
        self.assertEqual(self.internal.requests, [])
        # Host header (and, with https, SNI and the certificate) keep the name, not the address.
        self.assertEqual(self.public.requests[0].header("Host"), f"feeds.partner.example:{self.public.port}")

    def test_a_redirect_to_a_name_that_resolves_internally_is_refused(self):
        self.public.route("/feed.xml", **redirect(f"http://metadata.partner.example:{self.public.port}/x"))

        resolving_internally = mock.patch.object(fetching, "_resolve", new=lambda host, port: ["127.0.0.2"])
        with resolving_internally, self.assertRaises(FetchError) as caught:
            fetch_feed(self.public.url("/feed.xml"))

        self.assertIn("intern netwerk (127.0.0.2)", str(caught.exception))
        self.assertEqual(self.internal.requests, [])


@override_settings(FEEDS_ALLOW_PRIVATE_HOSTS=False)
class TlsTests(SimpleTestCase):
    """https through the checked connection: connected to the checked address, yet SNI and the
    certificate check use the URL's name. The test certificate is made with openssl, which must be
    installed: without it these tests fail, they are not skipped."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        folder = Path(tempfile.mkdtemp(prefix="feed-tls-"))
        cls.addClassCleanup(shutil.rmtree, folder, ignore_errors=True)
        cls.certificate, key = folder / "cert.pem", folder / "key.pem"
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"]
            + ["-keyout", str(key), "-out", str(cls.certificate), "-subj", "/CN=feeds.partner.example"]
            + ["-addext", "subjectAltName=DNS:feeds.partner.example"],
            check=True,
            capture_output=True,
        )
        cls.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        cls.context.load_cert_chain(cls.certificate, key)

    def setUp(self):
        self.server = FeedServer(ssl_context=self.context)
        self.server.__enter__()
        self.addCleanup(self.server.__exit__, None, None, None)
        self.server.route("/feed.xml", body=RSS)
        for patch in (
            mock.patch.object(fetching, "is_public_address", new=lambda ip: ip == "127.0.0.1"),
            mock.patch.object(fetching, "_resolve", new=lambda host, port: ["127.0.0.1"]),
        ):
            patch.start()
            self.addCleanup(patch.stop)

    def trusting_the_test_certificate(self):
        plain = fetching._session

        def session():
            made = plain()
            made.verify = str(self.certificate)
            return made

        return mock.patch.object(fetching, "_session", new=session)

    def test_the_certificate_is_checked_against_the_name(self):
        with self.trusting_the_test_certificate():
            feed = fetch_feed(f"https://feeds.partner.example:{self.server.port}/feed.xml")
            with self.assertRaises(FetchError) as caught:
                fetch_feed(f"https://elsewhere.partner.example:{self.server.port}/feed.xml")

        self.assertEqual(feed.content, RSS)
        self.assertEqual(self.server.requests[0].header("Host"), f"feeds.partner.example:{self.server.port}")
        self.assertEqual(
            str(caught.exception),
            "De beveiligde verbinding met elsewhere.partner.example mislukte (certificaat of TLS).",
        )

    def test_an_untrusted_certificate_is_a_fetch_error(self):
        with self.assertRaises(FetchError) as caught:
            fetch_feed(f"https://feeds.partner.example:{self.server.port}/feed.xml")

        self.assertIn("certificaat", str(caught.exception))
        self.assertEqual(self.server.requests, [])


class AddressCheckTests(SimpleTestCase):
    """``is_public_address`` on the kind of peer addresses a socket reports."""

    def test_internal_addresses(self):
        for address in (
            "127.0.0.1",
            "127.255.255.254",
            "10.0.0.5",
            "172.31.255.255",
            "192.168.0.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "0.1.2.3",
            "224.0.0.251",
            "239.255.255.250",
            "240.0.0.1",
            "255.255.255.255",
            "192.0.0.170",
            "192.0.2.1",
            "198.18.0.1",
            "::1",
            "::",
            "fe80::1",
            "fe80::1%eth0",
            "fc00::1",
            "fd12:3456::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.5",
            "::ffff:169.254.169.254",
            "::127.0.0.1",
            "2002:7f00:1::1",  # 6to4 around 127.0.0.1
            "2002:a00:5::1",  # 6to4 around 10.0.0.5
            "64:ff9b::a00:5",  # NAT64 around 10.0.0.5
            "2001:db8::1",
            "[::1]",
            "not an address",
            "",
        ):
            with self.subTest(address):
                self.assertFalse(is_public_address(address))

    def test_public_addresses(self):
        for address in (
            "93.184.216.34",
            "8.8.8.8",
            "145.97.39.155",
            "2606:2800:220:1:248:1893:25c8:1946",
            "2001:4860:4860::8888",
            "::ffff:93.184.216.34",
            "64:ff9b::808:808",
        ):
            with self.subTest(address):
                self.assertTrue(is_public_address(address))
