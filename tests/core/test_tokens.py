"""Links in mails name a person by an opaque id: no address can be read out of them."""

import base64
import json

from django.core import signing
from django.test import TestCase

from core import tokens
from newsletter import tokens as newsletter_tokens
from newsletter.models import Subscriber
from tests.factories.newsletter import SubscriberFactory


def payload(token):
    """What anyone who sees the link can decode, without the key."""
    encoded = token.split(":")[0]
    return base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode()


class TokenTests(TestCase):
    def setUp(self):
        self.subscriber = SubscriberFactory(email="anna.jansen@ede.example")

    def test_the_address_is_not_in_the_link(self):
        for purpose in newsletter_tokens.PURPOSES:
            token = newsletter_tokens.make_token(self.subscriber, purpose)
            decoded = payload(token)
            self.assertNotIn("anna", decoded.lower())
            self.assertNotIn("ede.example", decoded)
            self.assertEqual(json.loads(decoded)[0], self.subscriber.pk)

    def test_a_token_reads_back_for_its_own_purpose_only(self):
        confirm = newsletter_tokens.make_token(self.subscriber, newsletter_tokens.CONFIRM)
        self.assertEqual(newsletter_tokens.read_token(confirm, newsletter_tokens.CONFIRM), self.subscriber)
        self.assertIsNone(newsletter_tokens.read_token(confirm, newsletter_tokens.MANAGE))

    def test_a_row_with_another_address_gets_no_old_links(self):
        token = newsletter_tokens.make_token(self.subscriber, newsletter_tokens.MANAGE)
        Subscriber.objects.filter(pk=self.subscriber.pk).update(email="iemand.anders@ede.example")
        self.assertIsNone(newsletter_tokens.read_token(token, newsletter_tokens.MANAGE))

    def test_forged_and_malformed_tokens_name_nobody(self):
        queryset = Subscriber.objects.all()
        purpose = newsletter_tokens.MANAGE
        forged = signing.dumps([self.subscriber.pk, "0" * tokens.FINGERPRINT_LENGTH], salt=purpose)
        malformed = (signing.dumps("x", salt=purpose), signing.dumps([1], salt=purpose), "", "abc")
        for token in (forged, *malformed):
            self.assertIsNone(tokens.read_token(token, purpose, queryset, lambda row: row.email))
