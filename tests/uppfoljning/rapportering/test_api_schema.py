"""The reporting endpoints are documented in a valid OpenAPI schema without warnings."""

from django.core.management import call_command


def test_schema_validates_without_warnings(tmp_path):
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    text = out.read_text()
    for path in ("/api/v1/statusrapporter/{id}/approve/", "/api/v1/uppfoljningsperioder/", "'409':"):
        assert path in text
