"""Image and document files made in the test, for the upload tests."""

import io
import struct
import zlib

from PIL import Image

GPS_LATITUDE = (59, 19, 45.6)  # somewhere in Stockholm


def jpeg(size=(640, 480), color=(200, 30, 30), mode="RGB", gps=False, exif_orientation=None):
    image = Image.new(mode, size, color)
    exif = Image.Exif()
    if gps:
        exif[0x8825] = {1: "N", 2: GPS_LATITUDE, 3: "E", 4: (18, 4, 7.2)}
        exif[0x010F] = "PhoneMaker"  # Make
    if exif_orientation:
        exif[0x0112] = exif_orientation
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes() if (gps or exif_orientation) else b"")
    return out.getvalue()


def png(size=(300, 200), mode="RGBA", color=(0, 120, 200, 128)):
    out = io.BytesIO()
    Image.new(mode, size, color).save(out, "PNG")
    return out.getvalue()


def webp(size=(300, 200), frames=1):
    images = [Image.new("RGB", size, (i * 60 % 255, 100, 50)) for i in range(frames)]
    out = io.BytesIO()
    images[0].save(out, "WEBP", save_all=frames > 1, append_images=images[1:], duration=100)
    return out.getvalue()


def gif():
    out = io.BytesIO()
    Image.new("P", (20, 20)).save(out, "GIF")
    return out.getvalue()


def _chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def png_claiming(width, height):
    """A PNG whose header (IHDR, written by hand) claims ``width`` × ``height`` pixels,
    followed by a tiny compressed body: decoding it would allocate gigabytes."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")
    )


SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="9" height="9"/></svg>'
)
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
