"""The error pages: portal-styled in Swedish and English, JSON under /api/, and the 500 page served
while the database is down (PostgreSQL stopped, as in tests/test_faults.py)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connections

from tests.test_faults import pg_ctl, pg_start


def text_of(tag: str, html: str) -> str:
    return " ".join(re.search(rf"<{tag}>(.*?)</{tag}>", html, re.S).group(1).split())


def frame(html: str) -> bool:
    return (
        all(
            part in html
            for part in ['<header class="site-header">', '<main id="huvudinnehall"', '<footer class="site-footer">']
        )
        and '<a href="/tillganglighet/">' in html
    )


@pytest.mark.django_db
def test_404_in_swedish_and_english_with_the_portal_frame(client, plan):
    response = client.get("/finns-inte/")
    html = response.content.decode()
    assert response.status_code == 404 and frame(html)
    assert '<html lang="sv">' in html and text_of("h1", html) == "Sidan finns inte"
    assert 'href="/tillganglighet/synpunkt/?sida=/finns-inte/"' in html
    client.cookies["django_language"] = "en"
    html = client.get("/finns-inte/").content.decode()
    assert '<html lang="en">' in html and text_of("h1", html) == "Page not found"
    # The API keeps answering in JSON.
    response = client.get("/api/v1/finns-inte/")
    assert response.status_code == 404 and response.json() == {"detail": "Not found."}


@pytest.mark.django_db
def test_403_says_who_you_are_and_why(client, plan):
    client.force_login(get_user_model().objects.create_user("tp", password="x-hemligt-123"))
    response = client.get("/monster/")
    html = response.content.decode()
    assert response.status_code == 403 and frame(html)
    assert text_of("h1", html) == "Du har inte behörighet till sidan"
    assert "Du är inloggad som tp." in html  # no name: the username
    client.force_login(get_user_model().objects.create_user("ab", first_name="Anna", last_name="Berg"))
    assert "Du är inloggad som Anna Berg." in client.get("/monster/").content.decode()


@pytest.mark.urls("tests.fel_urls")
@pytest.mark.django_db(transaction=True)
def test_500_page_is_served_while_the_database_is_down(client, plan):
    client.raise_request_exception = False
    # A logged-in visitor: the page must not even look the session's user up.
    client.force_login(get_user_model().objects.create_user("tp", password="x-hemligt-123"))
    connections.close_all()
    pg_ctl("stop", "-m", "fast")
    try:
        response = client.get("/test-fel/")
        html = response.content.decode()
        assert response.status_code == 500 and frame(html)
        assert '<html lang="sv">' in html and text_of("h1", html) == "Något gick fel"
        assert text_of("title", html) == "Något gick fel – Jämlik stad"
        assert "set_language" not in html and 'action="/i18n/setlang/"' not in html  # no form without a token
        client.cookies["django_language"] = "en"
        html = client.get("/test-fel/").content.decode()
        assert '<html lang="en">' in html and text_of("h1", html) == "Something went wrong"
        response = client.get("/api/test-fel/")
        assert response.status_code == 500 and response.json() == {
            "detail": "An unexpected error occurred. It has been logged."
        }
    finally:
        pg_start()
    connections.close_all()


@pytest.mark.django_db
def test_csrf_failure_is_a_portal_page_that_says_what_to_do(plan):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/tillganglighet/synpunkt/", {"meddelande": "Utan token"})
    html = response.content.decode()
    assert response.status_code == 403 and frame(html)
    assert text_of("h1", html) == "Formuläret kunde inte skickas"
    assert "ladda om sidan och skicka formuläret igen" in html
