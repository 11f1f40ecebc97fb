"""Sort orders are strict, web and API alike (jamlik.filters.OrderingFilter): an empty, unknown or
repeated term is a 400 with the reason, never silently dropped (the fuzz test found `?ordning=,`
clearing the order, so pages of the list overlapped); ties are broken by the primary key."""

import pytest
from django.urls import reverse
from django.utils import translation

from uppfoljning.filters.rapportering import StatusrapportFilterSet
from uppfoljning.models import Statusrapport

pytestmark = pytest.mark.django_db

API = "/api/v1/statusrapporter/"
EMPTY = "Sorteringen har en tom del: ange kolumner åtskilda med kommatecken, utan tomma delar."


@pytest.mark.parametrize("value", [",", " ", "period,", ",period", "period,,status"])
def test_an_empty_term_is_a_400_with_the_reason(client, demo, value):
    client.force_login(demo["stadsledningskontoret"])
    response = client.get(API, {"ordning": value})
    assert response.status_code == 400
    assert response.json() == {"ordning": [EMPTY]}
    page = client.get(reverse("uppfoljning:statusrapporter"), {"ordning": value})
    assert page.status_code == 400
    assert EMPTY in page.content.decode()
    assert list(page.context["rapporter"]) == []
    export = client.get(reverse("uppfoljning:statusrapporter_csv"), {"ordning": value})
    assert export.status_code == 400
    assert "ordning:" in export.content.decode()


@pytest.mark.parametrize("value", ["-", "--period", "namn", "period;drop", "pk", "id", "organisation__namn"])
def test_an_unknown_term_is_a_400_that_names_it_and_the_known_ones(client, demo, value):
    client.force_login(demo["stadsledningskontoret"])
    response = client.get(API, {"ordning": value})
    assert response.status_code == 400
    (reason,) = response.json()["ordning"]
    assert reason.startswith(f"Okänd sortering: {value}. Möjliga värden: period, -period, aktivitet,")
    page = client.get(reverse("uppfoljning:statusrapporter"), {"ordning": value})
    assert page.status_code == 400
    assert f"Okänd sortering: {value}." in page.content.decode()


def test_a_column_named_twice_is_a_400(client, demo):
    client.force_login(demo["stadsledningskontoret"])
    response = client.get(API, {"ordning": "period,-period"})
    assert response.status_code == 400
    assert response.json() == {"ordning": ["Sorteringen nämner samma kolumn två gånger."]}


def test_an_empty_parameter_is_the_default_order_and_valid_terms_combine(client, demo):
    client.force_login(demo["stadsledningskontoret"])
    default = [r["id"] for r in client.get(API, {"ordning": ""}).json()["results"]]
    assert default == [r["id"] for r in client.get(API).json()["results"]]
    response = client.get(API, {"ordning": "-status,organisation", "limit": 100})
    assert response.status_code == 200
    expected = list(Statusrapport.objects.order_by("-status", "organisation__namn", "pk").values_list("pk", flat=True))
    assert [r["id"] for r in response.json()["results"]] == expected


def test_ties_keep_one_order_across_pages(client, demo):
    """Sorting by a column most rows share: the pages of the list neither overlap nor skip."""
    client.force_login(demo["stadsledningskontoret"])
    total = Statusrapport.objects.count()
    seen = []
    for offset in range(0, total, 3):
        seen += [
            r["id"] for r in client.get(API, {"ordning": "tillstand", "limit": 3, "offset": offset}).json()["results"]
        ]
    assert sorted(seen) == sorted(Statusrapport.objects.values_list("pk", flat=True))


def test_the_schema_says_each_term_at_most_once_from_the_known_columns(client):
    schema = client.get("/api/schema/?format=json").json()
    (parameter,) = [p for p in schema["paths"][API]["get"]["parameters"] if p["name"] == "ordning"]
    assert parameter["schema"]["uniqueItems"] is True
    assert set(parameter["schema"]["items"]["enum"]) >= {"period", "-uppdaterad"}


def test_the_descending_labels_follow_the_language_shown():
    choices = dict(StatusrapportFilterSet().form.fields["ordning"].choices)
    with translation.override("sv"):
        assert str(choices["-sista_dag"]) == "Sista dag (fallande)"
    with translation.override("en"):
        assert str(choices["-sista_dag"]) == "Last day (descending)"
