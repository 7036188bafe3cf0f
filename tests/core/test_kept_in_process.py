"""``kept_in_process`` computes once per content version and again after every change."""

from django.test import TestCase

from core.caching import bump_content_version, kept_in_process


class KeptInProcessTests(TestCase):
    def setUp(self):
        self.calls = 0

    def compute(self):
        self.calls += 1
        return self.calls

    def test_a_value_is_computed_once_per_content_version(self):
        self.assertEqual(kept_in_process("test-kept", self.compute), 1)
        self.assertEqual(kept_in_process("test-kept", self.compute), 1)
        self.assertEqual(self.calls, 1)

    def test_a_content_change_computes_it_again(self):
        kept_in_process("test-kept", self.compute)
        bump_content_version()
        self.assertEqual(kept_in_process("test-kept", self.compute), 2)

    def test_names_are_kept_apart(self):
        kept_in_process("test-kept", self.compute)
        self.assertEqual(kept_in_process("test-kept-other", lambda: "other"), "other")
        self.assertEqual(kept_in_process("test-kept", self.compute), 1)
