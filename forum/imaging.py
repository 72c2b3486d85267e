"""Decoding uploaded images safely: the checks the logo and the photos share.

An upload is identified by its content only (never its name or Content-Type) and only as
one of the formats asked for. Its size is read from the header and refused before any
pixel is decoded when it claims more than ``max_pixels``; animated images can be refused;
a file that does not decode whole (truncated, damaged) is refused. What comes back is a
decoded image, turned upright and in an encodable mode, from which callers encode new
files: nothing of the uploaded bytes (EXIF, GPS, XMP, data appended after the image)
survives that.
"""

import io
import math
import warnings

from flask_babel import lazy_gettext as _l
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
}

MESSAGES = {
    "empty": _l("The file is empty."),
    "format": _l("Upload a PNG, JPEG or WebP image (SVG and other formats are not accepted)."),
    "pixels": _l("The image has too many pixels."),
    "animated": _l("Animated images are not accepted; upload a still photo."),
    "damaged": _l("The image could not be read; it may be damaged."),
}


class ImageRefused(ValueError):
    """The upload is not an image we accept; ``reason`` is a key of :data:`MESSAGES`."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason

    @property
    def message(self):
        return str(MESSAGES[self.reason])


def decode(data, max_pixels, formats=tuple(FORMATS), refuse_animated=True, fit=None):
    """The decoded image in ``data``, or :class:`ImageRefused`.

    ``image.format`` stays the format it was identified as. With ``fit`` (a side in
    pixels), a JPEG is decoded at the smallest of its built-in reduced scales that still
    covers ``fit`` × ``fit`` once scaled down (a 40-megapixel photo meant for 1600 pixels
    then takes a sixteenth of the memory).
    """
    if not data:
        raise ImageRefused("empty")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=list(formats))
            # The header's claim, before a pixel is decoded.
            if image.width * image.height > max_pixels:
                raise ImageRefused("pixels")
            if refuse_animated and getattr(image, "n_frames", 1) > 1:
                raise ImageRefused("animated")
            if fit and image.format == "JPEG" and max(image.size) > fit:
                scale = fit / max(image.size)
                wanted = (math.ceil(image.width * scale), math.ceil(image.height * scale))
                image.draft(None, wanted)
            image.load()
    except ImageRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageRefused("pixels") from None  # Pillow's own check, in the header too
    except UnidentifiedImageError:
        raise ImageRefused("format") from None
    except (OSError, ValueError, SyntaxError, EOFError):
        raise ImageRefused("damaged") from None
    return image


def upright(image):
    """``image`` turned as its EXIF orientation says, in sRGB, as RGB or RGBA.

    CMYK and other modes are converted through their ICC profile when they carry one (a
    CMYK JPEG from a scanner or a print shop keeps its colours), else by Pillow's formulas.
    """
    image_format = image.format
    try:
        image = ImageOps.exif_transpose(image)
    except (OSError, ValueError, SyntaxError):
        pass  # a damaged EXIF block: keep the pixels as they are
    target = "RGBA" if _has_alpha(image) else "RGB"
    profile = image.info.get("icc_profile")
    if profile and image.mode in ("RGB", "RGBA", "CMYK", "L") and not _has_alpha(image):
        try:
            image = ImageCms.profileToProfile(
                image,
                ImageCms.ImageCmsProfile(io.BytesIO(profile)),
                ImageCms.createProfile("sRGB"),
                outputMode="RGB",
            )
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass  # an unusable profile: Pillow's conversion below
    if image.mode != target:
        image = image.convert(target)
    image.format = image_format
    return image


def _has_alpha(image):
    return image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        image.mode == "P" and "transparency" in image.info
    )


def encode(image, fmt, max_side=None, quality=85):
    """``(bytes, width, height)`` of ``image`` scaled to fit ``max_side`` and encoded as
    ``fmt`` (a key of :data:`FORMATS`), with no metadata."""
    if max_side is not None and max(image.size) > max_side:
        image = image.copy()
        image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    if fmt == "JPEG" and image.mode != "RGB":
        image = image.convert("RGB")
    out = io.BytesIO()
    if fmt == "JPEG":
        image.save(out, "JPEG", quality=quality, optimize=True, progressive=True)
    elif fmt == "PNG":
        image.save(out, "PNG", optimize=True)
    else:
        image.save(out, "WEBP", quality=quality)
    return out.getvalue(), image.width, image.height
