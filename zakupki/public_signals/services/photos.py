"""Photos attached to a signal are checked by decoding them with Pillow, not by their names: a text file
called photo.jpg, a truncated JPEG or a decompression bomb is refused."""

from __future__ import annotations

import io
import threading
import warnings
from dataclasses import dataclass

from PIL import Image, ImageFile, UnidentifiedImageError

from zakupki.core.errors import ValidationFailed

ALLOWED_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


@dataclass(frozen=True)
class PhotoUpload:
    name: str
    content: bytes


@dataclass(frozen=True)
class CheckedPhoto:
    name: str
    content: bytes
    content_type: str
    width: int
    height: int


def _megabytes(size: int) -> str:
    return f"{size / 1048576:.1f}".replace(".", ",").replace(",0", "") + " МБ"


# WeasyPrint sets Pillow's process-wide LOAD_TRUNCATED_IMAGES = True when it is imported (rendering
# tolerates damaged images); a citizen's upload must not be accepted half-decoded, whatever was imported.
_STRICT_DECODING = threading.Lock()


def _load_strictly(image: Image.Image) -> None:
    """Decodes every pixel: a damaged or truncated file fails here."""
    with _STRICT_DECODING:
        lenient = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            image.load()
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = lenient


def photo_check(upload: PhotoUpload, *, max_bytes: int, max_pixels: int) -> CheckedPhoto:
    label = f"Файл «{upload.name}»"
    if not upload.content:
        raise ValidationFailed({"photos": f"{label} пуст"})
    if len(upload.content) > max_bytes:
        raise ValidationFailed({"photos": f"{label} больше {_megabytes(max_bytes)}"})
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(upload.content)) as probe:
                image_format = probe.format or ""
                width, height = probe.size
                if image_format not in ALLOWED_FORMATS:
                    raise ValidationFailed({"photos": f"{label}: допустимы фотографии JPEG, PNG или WebP"})
                if width * height > max_pixels:
                    raise ValidationFailed({"photos": f"{label}: слишком большое изображение"})
                _load_strictly(probe)
    except ValidationFailed:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ):
        raise ValidationFailed({"photos": f"{label} не является изображением или повреждён"}) from None
    return CheckedPhoto(
        name=upload.name,
        content=upload.content,
        content_type=ALLOWED_FORMATS[image_format],
        width=width,
        height=height,
    )
