"""The municipality select of the public forms: rendered from the cache, checked against the database."""

from django import forms
from django.test import TestCase

from knowledge.fields import MunicipalityField
from knowledge.models import Municipality
from knowledge.models.filters import municipality_filter


class AskedForm(forms.Form):
    municipality = MunicipalityField(empty_label="Kies een gemeente")


class MunicipalityFieldTests(TestCase):
    def test_the_select_lists_every_municipality_without_a_query_once_cached(self):
        AskedForm().as_p()  # the first render fills the cache

        with self.assertNumQueries(0):
            html = AskedForm().as_p()

        self.assertEqual(html.count("<option"), Municipality.objects.count() + 1)
        arnhem = Municipality.objects.get(name="Arnhem")
        self.assertIn(f'<option value="{arnhem.pk}">Arnhem</option>', html)
        self.assertIn('<option value="" selected>Kies een gemeente</option>', html)

    def test_a_posted_choice_is_checked_against_the_database(self):
        arnhem = Municipality.objects.get(name="Arnhem")

        chosen = AskedForm({"municipality": str(arnhem.pk)})
        made_up = AskedForm({"municipality": "999999"})

        self.assertTrue(chosen.is_valid())
        self.assertEqual(chosen.cleaned_data["municipality"], arnhem)
        self.assertFalse(made_up.is_valid())
        self.assertIn(f'value="{arnhem.pk}" selected', chosen.as_p())

    def test_the_listings_municipality_filter_in_the_same_cache_does_not_mix_in(self):
        municipality_filter()  # keeps (CBS code, name) pairs for the listings' ?gemeente=

        html = AskedForm().as_p()

        arnhem = Municipality.objects.get(name="Arnhem")
        self.assertIn(f'<option value="{arnhem.pk}">Arnhem</option>', html)
        self.assertNotIn(f'value="{arnhem.cbs_code}"', html)

    def test_a_renamed_municipality_is_listed_by_its_new_name(self):
        AskedForm().as_p()
        arnhem = Municipality.objects.get(name="Arnhem")
        arnhem.name = "Arnhem (hoofdstad)"
        arnhem.save()

        self.assertIn(">Arnhem (hoofdstad)</option>", AskedForm().as_p())
