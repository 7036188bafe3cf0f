"""No upload and no rendition can make a worker decode a huge image.

A "pixel bomb" (a few KB of PNG that decode to gigabytes) is refused at upload with a clear
message; the admin's preview answers only the sizes the site uses, from the stored rendition, and
refuses any other size before the image is opened.
"""

import io
import re
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.images.models import Filter, Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection

from core.images import RENDITION_SPECS, STORED_EDGE
from core.renditions import CARD_RENDITIONS
from partners.setup import set_up_partner
from tests.factories.knowledge import build_site
from tests.image_files import bomb_png
from tests.utils import visible_text

TEMPLATES = Path(settings.BASE_DIR) / "site" / "templates"


def editor():
    user = get_user_model().objects.create_user("redacteur", "r@example.org", "geheim-wachtwoord")
    user.groups.add(Group.objects.get(name="Redacteuren"))
    return user


class UploadLimitTests(TestCase):
    def setUp(self):
        self.client.force_login(editor())

    def upload(self, name, content):
        data = {"title": "Foto", "file": SimpleUploadedFile(name, content, content_type="image/png")}
        data["collection"] = Collection.get_first_root_node().pk
        return self.client.post(reverse("wagtailimages:add"), data)

    def test_a_pixel_bomb_is_refused_with_a_message_in_dutch(self):
        bomb = bomb_png(11_000, 11_000)
        self.assertLess(len(bomb), 30_000, "the attack is a small file")
        response = self.upload("bom.png", bomb)
        self.assertEqual(response.status_code, 200)
        self.assertIn("teveel pixels", visible_text(response))
        self.assertIn("40000000", visible_text(response))
        self.assertFalse(Image.objects.exists())

    def test_just_over_the_pixel_limit_is_refused_and_a_photo_below_it_accepted(self):
        self.upload("net-te-groot.png", bomb_png(6400, 6400))
        self.assertFalse(Image.objects.exists())
        response = self.upload("foto.png", get_test_image_file(size=(1600, 1200)).file.getvalue())
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Image.objects.count(), 1)

    def test_a_large_photo_is_stored_web_sized_without_its_camera_data(self):
        photo = PillowImage.new("RGB", (4800, 3200), "steelblue")
        exif = PillowImage.Exif()
        exif[0x8825] = {2: (52.0, 5.0, 0.0)}  # GPSInfo: where the photo was taken
        exif[0x0110] = "Telefoon van de redacteur"  # camera model
        buffer = io.BytesIO()
        photo.save(buffer, "JPEG", exif=exif)
        response = self.upload("foto.jpg", buffer.getvalue())
        self.assertEqual(response.status_code, 302)
        image = Image.objects.get()
        self.assertEqual((image.width, image.height), (STORED_EDGE, 2000))
        with image.open_file() as stored, PillowImage.open(stored) as opened:
            self.assertEqual(opened.size, (STORED_EDGE, 2000))
            self.assertEqual(dict(opened.getexif()), {})

    def test_a_small_png_is_kept_as_it_was(self):
        content = get_test_image_file(size=(800, 600)).file.getvalue()
        self.upload("klein.png", content)
        with Image.objects.get().open_file() as stored:
            self.assertEqual(stored.read(), content)

    def test_a_file_over_ten_megabytes_is_refused(self):
        response = self.upload("groot.png", b"\x89PNG" + b"\x00" * (10 * 1024 * 1024 + 1))
        self.assertIn("te groot", visible_text(response))
        self.assertFalse(Image.objects.exists())


class PreviewTests(TestCase):
    def setUp(self):
        self.user = editor()
        self.image = Image.objects.create(title="Buurtfeest", file=get_test_image_file(size=(2000, 1500)))
        self.client.force_login(self.user)

    def preview(self, spec, image=None):
        return self.client.get(f"/admin/images/{(image or self.image).pk}/preview/{spec}/")

    def test_a_size_the_site_uses_is_made_once_and_then_read_from_disk(self):
        first = self.preview("max-800x600")
        self.assertEqual(first.status_code, 200)
        self.assertEqual(first["Content-Type"], "image/png")
        self.assertEqual(self.image.renditions.count(), 1)
        self.assertEqual(self.preview("max-800x600").status_code, 200)
        self.assertEqual(self.image.renditions.count(), 1)

    def test_any_other_size_is_refused_without_opening_the_image(self):
        for spec in ("width-9000", "fill-9000x9000", "max-800x601", "original|width-9000", "scale-900"):
            self.assertEqual(self.preview(spec).status_code, 404, spec)
        self.assertEqual(self.image.renditions.count(), 0)

    def test_the_url_generator_is_refused_instead_of_failing(self):
        url = f"/admin/images/{self.image.pk}/generate_url/output/?filter_method=width&width=9000"
        self.assertEqual(self.client.get(url).status_code, 404)
        self.assertEqual(self.image.renditions.count(), 0)

    def test_a_partner_gets_no_preview_of_another_collection(self):
        build_site(theme_slugs=())
        movisie = set_up_partner("Movisie")
        partner = get_user_model().objects.create_user("partner", "p@example.org", "geheim-wachtwoord")
        partner.groups.add(movisie.group)
        self.client.force_login(partner)
        self.assertEqual(self.preview("max-800x600").status_code, 404)
        self.assertEqual(self.image.renditions.count(), 0)


def test_every_size_the_templates_ask_for_is_allowed():
    """The list in core/images.py must follow the templates: a missing size would break a page."""
    used = set(CARD_RENDITIONS)
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text()
        used.update(re.findall(r"{%\s*image\s+\S+\s+([a-z]+-[\dx]+|original)", text))
        # ``{% picture img fill-{640x360,960x540} format-{webp,jpeg} ... %}``: every combination.
        for specs in re.findall(r"{%\s*(?:srcset_image|picture)\s+\S+((?:\s+[a-z]+-[\w{},]+)+)", text):
            used.update(Filter.expand_spec(specs.split()))
    assert len(used) > 4, used
    assert used <= RENDITION_SPECS, used - RENDITION_SPECS
