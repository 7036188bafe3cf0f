"""Factories per app, built on wagtail-factories and factory_boy."""
