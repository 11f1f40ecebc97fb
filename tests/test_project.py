"""The project is complete and consistent: migrations, system checks, settings."""

import os
import secrets
import subprocess
import sys
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command


@pytest.mark.django_db
def test_migrations_are_complete():
    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())


def test_system_check_is_clean():
    out = StringIO()
    call_command("check", "--fail-level", "WARNING", stdout=out)
    assert "no issues" in out.getvalue()


def run_settings(module: str, **env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE"}}
    environment |= {"DJANGO_SETTINGS_MODULE": module, **env}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_refuse_to_start_without_a_real_secret_key():
    result = run_settings("jamlik.settings.production")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
    result = run_settings("jamlik.settings.production", SECRET_KEY="django-insecure-" + "x" * 60)
    assert result.returncode != 0


def test_production_settings_start_with_a_real_secret_key():
    result = run_settings(
        "jamlik.settings.production", SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="jamlik.example"
    )
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


@pytest.mark.django_db
def test_demo_data_refused_without_debug(plan):
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo")


@pytest.mark.django_db
def test_demo_data_loads_twice_without_duplicates(plan):
    from django.contrib.auth import get_user_model

    from uppfoljning.models import Statusrapport

    call_command("load_demo", "--force", stdout=StringIO())
    counts = (get_user_model().objects.count(), Statusrapport.objects.count())
    call_command("load_demo", "--force", stdout=StringIO())
    assert (get_user_model().objects.count(), Statusrapport.objects.count()) == counts
    assert get_user_model().objects.get(username="stadsledningskontoret").groups.filter(name="Planägare").exists()
