"""The accessibility statement and its feedback form through the real views."""

import pytest
from django.contrib.auth import get_user_model

from synpunkter.models import Synpunkt

pytestmark = pytest.mark.django_db

FORM = "/tillganglighet/synpunkt/"


def test_statement_has_the_digg_structure_and_every_page_links_to_it(client, plan, django_assert_num_queries):
    client.get("/tillganglighet/")  # the plan chooser's list is cached after the first page
    with django_assert_num_queries(0):
        html = client.get("/tillganglighet/").content.decode()
    for heading in [
        "<h1>Tillgänglighetsredogörelse</h1>",
        "Hur tillgänglig är webbplatsen?",
        "Vad kan du göra om du inte kan använda delar av webbplatsen?",
        "Rapportera brister i webbplatsens tillgänglighet",
        "<h2>Tillsyn</h2>",
        "Teknisk information om webbplatsens tillgänglighet",
        "Innehåll som inte är tillgängligt",
        "Hur vi testat webbplatsen",
    ]:
        assert heading in html
    assert "delvis förenlig med lagen om tillgänglighet till digital offentlig service" in html
    assert "Myndigheten för digital förvaltning (DIGG)" in html
    assert '<a href="https://www.digg.se/tdosanmalan">https://www.digg.se/tdosanmalan</a>' in html
    assert "Senaste bedömningen gjordes den 23 november 2026" in html
    assert html.count('<ul class="brister">') == 1 and "(1.3.1 Information och relationer)" in html
    # Fixed since the first statement: the session warns before it ends; the progress is quiet.
    assert "Justerbar tidsbegränsning" not in html
    for path in ["/", "/matris/", "/konto/logga-in/", FORM]:
        page = client.get(path).content.decode()
        assert '<a href="/tillganglighet/">Tillgänglighetsredogörelse</a>' in page, path
        assert f'href="/tillganglighet/synpunkt/?sida={path}"' in page, path


def test_statement_in_english(client, plan):
    client.cookies["django_language"] = "en"
    html = client.get("/tillganglighet/").content.decode()
    assert "<h1>Accessibility statement</h1>" in html
    assert "partially compliant" in html
    assert "The Agency for Digital Government (DIGG" in html


def test_form_prefills_the_page_and_stores_the_message(client, plan, django_assert_num_queries):
    client.get(FORM)  # the plan chooser's list is cached after the first page
    with django_assert_num_queries(0):
        html = client.get(FORM + "?sida=/matris/").content.decode()
    assert 'name="sidadress" value="/matris/"' in html
    response = client.post(
        FORM, {"meddelande": "Tabellen går inte att läsa med skärmläsare.", "epost": "", "sidadress": "/matris/"}
    )
    assert response.status_code == 302 and response["Location"] == "/tillganglighet/synpunkt/tack/"
    synpunkt = Synpunkt.objects.get()
    assert (synpunkt.meddelande, synpunkt.epost, synpunkt.sidadress, synpunkt.sprak) == (
        "Tabellen går inte att läsa med skärmläsare.",
        "",
        "/matris/",
        "sv",
    )
    assert len(synpunkt.avsandare) == 64 and "127.0.0.1" not in synpunkt.avsandare
    assert synpunkt.skickad is None  # sent after commit, by the task
    assert "Tack för din synpunkt" in client.get(response["Location"]).content.decode()


def test_bad_input_is_named_next_to_the_field_and_the_text_kept(client, plan):
    response = client.post(FORM, {"meddelande": "  ", "epost": "inte-en-adress", "sidadress": "/a b"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Skriv vad som inte fungerade." in html
    assert "Skriv en e-postadress i formatet namn@exempel.se." in html
    assert "Adressen får inte innehålla mellanslag eller radbrytningar." in html
    assert 'value="inte-en-adress"' in html
    assert "data-felsammanfattning" in html
    response = client.post(FORM, {"meddelande": "x" * 3001})
    assert response.status_code == 400 and "som mest 3000 tecken (den har 3001)" in response.content.decode()
    assert not Synpunkt.objects.exists()


def test_one_sender_is_limited_per_hour_another_is_not(client, plan, settings):
    settings.SYNPUNKT_MAX_PER_HOUR = 3
    for i in range(3):
        assert client.post(FORM, {"meddelande": f"Synpunkt {i}"}).status_code == 302
    response = client.post(FORM, {"meddelande": "En till"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Du har skickat många synpunkter på kort tid." in html
    assert "En till</textarea>" in html  # the text is kept
    assert Synpunkt.objects.count() == 3
    assert client.post(FORM, {"meddelande": "Från en annan adress"}, REMOTE_ADDR="10.0.0.9").status_code == 302
    assert Synpunkt.objects.count() == 4


def test_admin_lists_synpunkter_for_staff_only(client, plan):
    Synpunkt.objects.create(meddelande="Kontrasten är för låg", sidadress="/", avsandare="x" * 64)
    assert client.get("/admin/synpunkter/synpunkt/").status_code == 302
    admin = get_user_model().objects.create_superuser("chef", "chef@example.org", "hemligt-losen-123")
    client.force_login(admin)
    html = client.get("/admin/synpunkter/synpunkt/").content.decode()
    assert "Kontrasten är för låg" in html
    assert client.get("/admin/synpunkter/synpunkt/add/").status_code == 403


def test_behind_a_proxy_each_visitor_is_limited_not_the_proxy(client, plan, settings):
    settings.SYNPUNKT_MAX_PER_HOUR = 1
    settings.AXES_IPWARE_PROXY_COUNT = 1
    # The proxy appends the visitor's address; a forged entry sent by the visitor is ignored.
    first = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "1.1.1.1, 203.0.113.5"}
    assert client.post(FORM, {"meddelande": "Ett"}, **first).status_code == 302
    again = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "9.9.9.9, 203.0.113.5"}
    assert client.post(FORM, {"meddelande": "Två"}, **again).status_code == 400
    other = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.6"}
    assert client.post(FORM, {"meddelande": "Tre"}, **other).status_code == 302
    assert Synpunkt.objects.count() == 2
