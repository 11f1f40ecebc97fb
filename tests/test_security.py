"""Security baseline: deploy checks, headers, CSP, login lock-out."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_production_settings_pass_check_deploy():
    environment = {
        k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment |= {
        "DJANGO_SETTINGS_MODULE": "jamlik.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "jamlik.goteborg.example",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_security_headers_on_public_pages(client, plan):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_templates_have_no_inline_scripts_or_styles():
    offenders = []
    for path in (settings.BASE_DIR / "templates").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if "<script>" in text or '<script type="text/javascript">' in text or ' style="' in text or " onclick=" in text:
            offenders.append(str(path.relative_to(settings.BASE_DIR)))
    assert offenders == []


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_login_locked_out_after_repeated_failures(client):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user("offer", password="ratt-losenord-123")
    for _ in range(3):
        response = client.post("/konto/logga-in/", {"username": "offer", "password": "fel"})
    assert response.status_code == 429
    assert "spärrad" in response.content.decode()
    # Even the right password is refused while locked out.
    response = client.post("/konto/logga-in/", {"username": "offer", "password": "ratt-losenord-123"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_forms_refuse_posts_without_a_csrf_token(plan):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    call_command("load_demo", "--force", verbosity=0)
    client = Client(enforce_csrf_checks=True)
    client.force_login(get_user_model().objects.get(username="tjansteperson"))
    rapport_pk = (
        get_user_model()
        .objects.get(username="tjansteperson")
        .medlemskap.first()
        .organisation.statusrapporter.first()
        .pk
    )
    for url in (
        "/konto/logga-ut/",
        f"/rapportering/statusrapporter/{rapport_pk}/andra/",
        "/rapportering/statusrapporter/ny/",
    ):
        assert client.post(url, {"status": "genomford"}).status_code == 403, url
    anonymous = Client(enforce_csrf_checks=True)
    assert (
        anonymous.post("/konto/logga-in/", {"username": "tjansteperson", "password": "demo-jamlik-2021"}).status_code
        == 403
    )
