"""Operations: health endpoint, cache outage tolerance, structured logs, backup and restore."""

import json
import logging
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings

from jamlik.ops.logging import JsonFormatter
from plan.models import Organisation
from uppfoljning.models import Statusrapport

pytestmark = pytest.mark.django_db


def test_health_reports_every_component(client):
    response = client.get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok"
    # make test runs a real Redis: cache and broker are checked against it.
    assert body["cache"] == "ok" and body["broker"] == "ok"
    assert body["status"] == "ok"
    assert "no-cache" in response["Cache-Control"]


DEAD_REDIS = "redis://127.0.0.1:1/0"


@override_settings(
    REDIS_URL=DEAD_REDIS,
    CELERY_BROKER_URL=DEAD_REDIS,
    CACHES={"default": {"BACKEND": "jamlik.ops.cache.ResilientRedisCache", "LOCATION": DEAD_REDIS}},
)
def test_redis_down_portal_keeps_serving_and_health_says_degraded(client, plan):
    from django.core.cache import caches

    caches._settings = None  # let the overridden CACHES take effect
    try:
        caches["default"] = caches.create_connection("default")
        assert cache.get("någon-nyckel", "standard") == "standard"
        cache.set("någon-nyckel", 1)  # no exception
        assert client.get("/").status_code == 200
        assert client.get("/matris/").status_code == 200
        body = client.get("/health/").json()
        assert body == {"status": "degraded", "database": "ok", "cache": "unavailable", "broker": "unavailable"}
    finally:
        del caches["default"]


def test_json_log_lines_carry_fields_and_no_query_string(client, caplog):
    with caplog.at_level(logging.INFO, logger="jamlik.request"):
        client.get("/matris/?hemligt=personnummer")
    record = next(r for r in caplog.records if r.name == "jamlik.request")
    line = json.loads(JsonFormatter().format(record))
    assert line["event"] == "request" and line["status"] == 200 and line["path"] == "/matris/"
    assert "personnummer" not in json.dumps(line)


@pytest.mark.django_db(transaction=True)  # restore empties tables with TRUNCATE: needs real commits
def test_backup_and_restore_give_back_every_row_and_file(plan, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "uppfoljningsrapporter").mkdir(parents=True)
    (settings.MEDIA_ROOT / "uppfoljningsrapporter" / "rapport.pdf").write_bytes(b"%PDF-1.7 test")
    call_command("load_demo", "--force", stdout=StringIO())
    rapport = Statusrapport.objects.first()
    rapport.genomfort = "Ändrat före säkerhetskopian"
    rapport.save()
    before = {
        "rapporter": sorted(Statusrapport.objects.values_list("pk", "genomfort")),
        "historik": Statusrapport.history.count(),
        "organisationer": Organisation.objects.count(),
    }
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", "--output", str(archive), stdout=StringIO())

    Statusrapport.objects.all().delete()
    (settings.MEDIA_ROOT / "uppfoljningsrapporter" / "rapport.pdf").unlink()
    assert Statusrapport.objects.count() == 0

    call_command("restore", str(archive), "--yes", stdout=StringIO())
    after = {
        "rapporter": sorted(Statusrapport.objects.values_list("pk", "genomfort")),
        "historik": Statusrapport.history.count(),
        "organisationer": Organisation.objects.count(),
    }
    assert after == before
    assert (settings.MEDIA_ROOT / "uppfoljningsrapporter" / "rapport.pdf").read_bytes() == b"%PDF-1.7 test"
    # Sequences follow the restored rows: a new row gets a fresh id.
    assert Organisation.objects.create(
        kommun=Organisation.objects.first().kommun, namn="Ny", slug="ny-efter-aterstallning", typ="namnd"
    ).pk > max(Organisation.objects.exclude(slug="ny-efter-aterstallning").values_list("pk", flat=True))


def test_every_committed_report_change_leaves_one_audit_line_without_personal_data(
    plan, caplog, django_capture_on_commit_callbacks, frozen_today
):
    # frozen_today (tests/clock.py): the demo draft can be submitted only until the period's deadline.
    from django.contrib.auth import get_user_model

    from uppfoljning.services import rapportering as services

    call_command("load_demo", "--force", stdout=StringIO())
    user = get_user_model().objects.get(username="tjansteperson")
    rapport = Statusrapport.objects.get(organisation__namn="Kulturnämnden", aktivitet__slug="skolan-som-gemensam-arena")
    with caplog.at_level(logging.INFO, logger="jamlik.audit"), django_capture_on_commit_callbacks(execute=True):
        services.statusrapport_submit(user=user, rapport_id=rapport.pk, version=rapport.version)
    lines = [json.loads(JsonFormatter().format(r)) for r in caplog.records if r.name == "jamlik.audit"]
    assert len(lines) == 1
    line = lines[0]
    assert {k: line[k] for k in ("event", "action", "statusrapport_id", "tillstand", "user_id")} == {
        "event": "statusrapport_change",
        "action": "Inskickad",
        "statusrapport_id": rapport.pk,
        "tillstand": "inskickad",
        "user_id": user.pk,
    }
    assert "tjansteperson" not in json.dumps(line) and "Tea" not in json.dumps(line)
