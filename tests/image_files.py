"""Image files the tests and benchmarks upload, made without decoding them."""

import struct
import zlib


def bomb_png(width, height):
    """A 1-bit PNG of ``width`` x ``height`` zeros: a few KB that decode to ``width * height`` bytes.

    Built by hand: Pillow would refuse to make one this large.
    """

    def chunk(kind, data):
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    row = b"\x00" * (1 + (width + 7) // 8)
    compressor = zlib.compressobj(9)
    body = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")
