"""Fixtures for the follow-up: an isolated MEDIA_ROOT (demo data and planägare are in tests/conftest.py)."""

import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
