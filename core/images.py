"""Images of a size a worker can hold: limited at upload, stored web-sized, rendered in known sizes.

Wagtail renders any filter spec it is asked for in the admin's preview
(``/admin/images/<id>/preview/<spec>/``), on every request and without storing the result: a
partner asking for ``width-9000`` of a large photo in a loop holds a worker for seconds and over a
gigabyte each time. Three rules keep every worker at a few hundred MB:

- Uploads are limited in pixels and bytes (``WAGTAILIMAGES_MAX_IMAGE_PIXELS``,
  ``WAGTAILIMAGES_MAX_UPLOAD_SIZE``): a 15 KB "pixel bomb" is refused before it is decoded.
- An upload is stored at most ``STORED_EDGE`` pixels on its long side (``ImageForm``, Wagtail's
  ``WAGTAILIMAGES_IMAGE_FORM_BASE``): the site never shows more, and every later rendition then
  decodes a web-sized image instead of a 40 Mpx one (Wagtail makes the renditions of a
  ``{% picture %}``, every size in WebP and JPEG, three threads at once). A JPEG is decoded at a
  reduced scale straight away (Pillow's ``draft``); the camera's EXIF data (GPS position included)
  is not kept.
- The admin's preview answers only ``RENDITION_SPECS``, from the stored rendition (made once, then
  read from disk); any other spec is refused before the image is opened, with a bare 404 that costs
  less than a page. The URL generator that builds those preview links needs Wagtail's public image-serving
view, which this site does not mount, so it is refused too (it would fail with an error).

``RENDITION_SPECS`` lists every spec the templates, the code and Wagtail's admin use;
``tests/core/test_images.py`` reads the templates and fails when one is missing.

The sizes and formats of the public pages' images are in ``core.renditions``.
"""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import FileResponse, Http404, HttpResponseNotFound
from django.shortcuts import get_object_or_404
from PIL import Image as PillowImage
from PIL import ImageOps
from wagtail.images import get_image_model
from wagtail.images.forms import BaseImageForm
from wagtail.permissions import policy_registry

from .renditions import PUBLIC_SPECS

# The long side of a stored upload. The largest size the site shows is 1280 px wide (2x: 2560);
# 3000 lets Pillow decode a 6000 px JPEG at half scale.
STORED_EDGE = 3000
SAVE_OPTIONS = {"JPEG": {"quality": 88, "optimize": True}, "PNG": {"optimize": True}, "WEBP": {"quality": 88}}

# The site's own (templates and code) ...
SITE_SPECS = PUBLIC_SPECS
# ... and Wagtail's admin (listings, choosers, the edit page's preview and focal point).
ADMIN_SPECS = {"max-165x165", "max-800x600", "max-150x150", "fill-600x338", "original"}
RENDITION_SPECS = SITE_SPECS | ADMIN_SPECS


def fit_for_the_web(upload):
    """``upload`` itself, or a copy at most ``STORED_EDGE`` px on its long side (same format)."""
    upload.seek(0)
    with PillowImage.open(upload) as image:
        kind = image.format
        if kind not in SAVE_OPTIONS or getattr(image, "n_frames", 1) > 1:
            return upload  # an animation is left as it is: it passed the pixel limit frames and all
        if max(image.size) <= STORED_EDGE and not image.getexif():
            return upload
        if kind == "JPEG":
            image.draft(image.mode if image.mode in ("RGB", "L") else None, (STORED_EDGE, STORED_EDGE))
        upright = ImageOps.exif_transpose(image)
        upright.thumbnail((STORED_EDGE, STORED_EDGE), PillowImage.Resampling.LANCZOS, reducing_gap=3.0)
        output = BytesIO()
        icc_profile = image.info.get("icc_profile")
        extra = {"icc_profile": icc_profile} if icc_profile else {}
        upright.save(output, kind, **SAVE_OPTIONS[kind], **extra)
    return SimpleUploadedFile(upload.name, output.getvalue(), content_type=f"image/{kind.lower()}")


class ImageForm(BaseImageForm):
    """Wagtail's image form (``WAGTAILIMAGES_IMAGE_FORM_BASE``), storing uploads web-sized."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            return fit_for_the_web(upload)
        return upload


def preview(request, image_id, filter_spec):
    """Wagtail's admin image preview, for the site's own sizes only and from the stored rendition."""
    if filter_spec not in RENDITION_SPECS:
        return HttpResponseNotFound("Not one of the site's image sizes.", content_type="text/plain")
    model = get_image_model()
    image = get_object_or_404(model, pk=image_id)
    if not policy_registry.get_by_type(model).user_has_permission_for_instance(request.user, "change", image):
        raise Http404
    rendition = image.get_rendition(filter_spec)
    extension = rendition.file.name.rsplit(".", 1)[-1].lower()
    response = FileResponse(rendition.file.open("rb"))
    response["Content-Type"] = f"image/{'jpeg' if extension == 'jpg' else extension}"
    response["Cache-Control"] = "private, max-age=3600"
    return response


def url_generator(request, image_id, **kwargs):
    """The URL generator needs Wagtail's image-serving view, which the site does not offer."""
    raise Http404("The image URL generator is not available on this site.")
