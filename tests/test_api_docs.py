"""The API documentation: Swagger UI in the portal's frame (language, main landmark, h1), every
asset served from this server (drf-spectacular-sidecar), the initialiser a separate script (CSP).
ReDoc is gone: it needs inline styles the CSP refuses and a third-party font."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_docs_page_has_language_landmark_heading_and_only_local_assets(client, plan):
    response = client.get("/api/docs/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="sv">' in html
    assert '<main id="huvudinnehall"' in html and '<div id="swagger-ui"' in html
    assert re.search(r"<h1>\s*Öppet API\s*</h1>", html)
    assets = re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', html)
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in assets
    assert all(asset.startswith("/") and not asset.startswith("//") for asset in assets), assets
    assert "<script>" not in html and "<style>" not in html  # nothing inline (strict CSP)
    script = re.search(r'<script src="(/api/docs/\?[^"]*script[^"]*)"', html).group(1).replace("&amp;", "&")
    init = client.get(script)
    assert init.status_code == 200 and init["Content-Type"].startswith("application/javascript")
    assert '"deepLinking": false' in init.content.decode()
    client.cookies["django_language"] = "en"
    assert '<html lang="en">' in client.get("/api/docs/").content.decode()


def test_redoc_is_removed(client, plan):
    assert client.get("/api/redoc/").status_code == 404
