"""Production refuses a low-entropy SECRET_KEY, not only a short one (issue 11)."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key

from jamlik.settings.base import require_secret_key


@pytest.mark.parametrize(
    "key",
    [
        "a" * 60,
        "abcde" * 12,
        "abcdefghij" * 6,
        "password1234567890" * 3,
        "Sommar2021!" * 5,
        "django-insecure-" + secrets.token_urlsafe(50),
        secrets.token_urlsafe(30),
        "",
        None,
    ],
)
def test_weak_keys_are_refused(key):
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        require_secret_key(key)


def test_generated_keys_are_accepted():
    for _ in range(500):
        for key in (get_random_secret_key(), secrets.token_urlsafe(50), secrets.token_hex(32)):
            assert require_secret_key(key) == key


def test_production_settings_refuse_to_start_with_a_repeated_key():
    environment = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE"}}
    environment |= {
        "DJANGO_SETTINGS_MODULE": "jamlik.settings.production",
        "SECRET_KEY": "a" * 60,
        "ALLOWED_HOSTS": "jamlik.goteborg.example",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not random enough (estimated 0 bits" in result.stderr
