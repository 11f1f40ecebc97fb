"""The open read API: content matches the plan, filters work, bad input is a 400, no writes."""

import pytest
from django.core.management import call_command


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_matris_cell_matches_the_plan(client, plan):
    response = client.get(
        "/api/v1/matris/",
        {"samverkansaktivitet": "hallbara-livsmiljoer", "malomrade": "skapa-hallbara-och-jamlika-livsmiljoer"},
    )
    assert [cell["strateginamn"] for cell in results(response)] == [
        "Öka delaktighet och inflytande i stadsutvecklingen",
        "Skapa förutsättningar för en fungerande närmiljö",
        "Minska boendesegregationen",
        "Öka tillgången till bostäder",
        "Jämlik tillgång till stadens resurser",
    ]


def test_matris_marks_strategies_outside_their_own_column(client, plan):
    response = client.get(
        "/api/v1/matris/",
        {"samverkansaktivitet": "jobb-och-kompetenscentrerat-arbetssatt", "strategi": "utveckla-arbetsgivarrollen"},
    )
    assert [(c["malomrade"], c["utanfor_eget_malomrade"]) for c in results(response)] == [
        ("skapa-forutsattningar-for-arbete", False),
        ("skapa-hallbara-och-jamlika-livsmiljoer", True),
    ]


def test_strategies_by_malomrade(client, plan):
    response = client.get("/api/v1/strategier/", {"malomrade": "skapa-hallbara-och-jamlika-livsmiljoer"})
    data = results(response)
    assert {s["malomrade"] for s in data} == {"skapa-hallbara-och-jamlika-livsmiljoer"}
    assert "minska-boendesegregationen" in [s["slug"] for s in data]


def test_activities_by_organisation_and_strategy(client, plan):
    data = results(client.get("/api/v1/samverkansaktiviteter/", {"organisation": "kulturnamnden"}))
    assert len(data) == 3
    data = results(client.get("/api/v1/samverkansaktiviteter/", {"strategi": "minska-boendesegregationen"}))
    assert [a["slug"] for a in data] == ["hallbara-livsmiljoer"]
    data = results(client.get("/api/v1/styrningsaktiviteter/"))
    assert len(data) == 6
    data = results(client.get("/api/v1/styrningsaktiviteter/", {"organisation": "kulturnamnden"}))
    assert all(any(r["organisation"] == "kulturnamnden" for r in a["roller"]) for a in data)


def test_organisations_by_type_with_aliases(client, plan):
    data = results(client.get("/api/v1/organisationer/", {"typ": "region"}))
    assert [(o["slug"], o["alias"]) for o in data] == [
        ("goteborgs-halso-och-sjukvardsnamnd", []),
        ("vastra-gotalandsregionen", [{"namn": "VGR", "i_planen": True}]),
    ]


def test_detail_by_slug(client, plan):
    response = client.get("/api/v1/malomraden/skapa-forutsattningar-for-arbete/")
    assert response.status_code == 200
    assert response.json()["namn"] == "Skapa förutsättningar för arbete"
    for endpoint in ("forutsattningar", "styrande-dokument"):
        assert results(client.get(f"/api/v1/{endpoint}/"))


@pytest.mark.parametrize(
    "url, params, field",
    [
        ("/api/v1/matris/", {"organisation": "finns-inte"}, "organisation"),
        ("/api/v1/matris/", {"malomrade": "x" * 300}, "malomrade"),
        ("/api/v1/strategier/", {"malomrade": "finns-inte"}, "malomrade"),
        ("/api/v1/organisationer/", {"typ": "hittepa"}, "typ"),
        ("/api/v1/samverkansaktiviteter/", {"strategi": "finns-inte"}, "strategi"),
        ("/api/v1/styrningsaktiviteter/", {"organisation": "'; drop table"}, "organisation"),
        ("/api/v1/organisationer/", {"limit": "abc"}, "limit"),
        ("/api/v1/organisationer/", {"limit": "-1"}, "limit"),
        ("/api/v1/organisationer/", {"offset": "zz"}, "offset"),
    ],
)
def test_bad_parameters_are_400_with_a_reason(client, plan, url, params, field):
    response = client.get(url, params)
    assert response.status_code == 400
    assert field in response.json()


def test_pagination(client, plan):
    data = client.get("/api/v1/organisationer/", {"limit": 5, "offset": 5}).json()
    assert data["count"] == 40
    assert len(data["results"]) == 5


@pytest.mark.parametrize(
    "url, detail",
    [
        ("/api/v1/malomraden/", "/api/v1/malomraden/skapa-forutsattningar-for-arbete/"),
        ("/api/v1/organisationer/", "/api/v1/organisationer/kulturnamnden/"),
        ("/api/v1/matris/", None),
        ("/api/v1/samverkansaktiviteter/", "/api/v1/samverkansaktiviteter/hallbara-livsmiljoer/"),
        ("/api/v1/styrningsaktiviteter/", "/api/v1/styrningsaktiviteter/integrera-jamlikhet/"),
    ],
)
def test_anonymous_cannot_write(client, plan, url, detail):
    assert client.post(url, {"namn": "x"}).status_code == 403
    if detail:
        assert client.get(detail).status_code == 200
        assert client.put(detail, {}, content_type="application/json").status_code == 403
        assert client.delete(detail).status_code == 403


def test_schema_validates_without_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))
    schema = (tmp_path / "schema.yaml").read_text()
    for path in ("/api/v1/matris/", "/api/v1/styrande-dokument/", "/api/v1/organisationer/{slug}/"):
        assert path in schema


def test_docs_page_is_served_without_cdn(client):
    content = client.get("/api/docs/").content.decode()
    assert "cdn" not in content.lower()
