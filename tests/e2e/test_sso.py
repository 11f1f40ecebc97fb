"""Single sign-on end to end in Chromium against a real OpenID Connect provider on loopback: sign
in at the provider, arrive signed in with the organisation the provider names, sign out of both; an
answer from the provider changed on its way back signs nobody in."""

import pytest
from django.contrib.auth import get_user_model

from tests.konto.oidc import ORG_CLAIM, oidc_provider, set_user, sso  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_sign_in_and_out_with_the_citys_identity_provider(plan, live_server, page, sso, settings, axe_violations):  # noqa: F811
    settings.LOCAL_LOGIN_ENABLED = False
    set_user(sso, "e2e-greta", preferred_username="greta", given_name="Greta", **{ORG_CLAIM: ["kulturnamnden"]})
    page.goto(live_server.url + "/rapportering/")
    assert "/konto/logga-in/" in page.url
    assert page.locator("main input[name=password]").count() == 0
    assert axe_violations(page) == []
    page.get_by_role("link", name="Logga in med stadens konto").click()

    page.wait_for_url(f"{sso}/oauth2/authorize*")  # the provider's own sign-in page
    page.fill("input[name=sub]", "e2e-greta")
    page.get_by_role("button", name="Authorize").click()

    page.wait_for_url(live_server.url + "/rapportering/")
    user = get_user_model().objects.get(oidc_identitet__sub="e2e-greta")
    assert list(user.medlemskap.values_list("organisation__slug", flat=True)) == ["kulturnamnden"]
    assert page.get_by_role("button", name="Logga ut").count() == 1

    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_url(f"{sso}/oauth2/end_session*")  # the provider ends its session too
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(live_server.url + "/")
    assert page.get_by_role("button", name="Logga ut").count() == 0
    page.goto(live_server.url + "/rapportering/")
    assert "/konto/logga-in/" in page.url


@pytest.mark.parametrize("parameter", ["code", "state"])
def test_a_tampered_answer_from_the_provider_is_refused(
    plan,
    live_server,
    page,
    sso,  # noqa: F811
    settings,
    axe_violations,
    parameter,
):
    """The browser brings the provider's answer back with its code or state changed on the way:
    nobody is signed in, and the login page says so (the ID token checks themselves — signature,
    audience, issuer, nonce — are tested against the same provider in tests/konto/test_sso.py)."""
    settings.LOCAL_LOGIN_ENABLED = False
    set_user(sso, "e2e-hans", preferred_username="hans")

    def tamper(route):
        # The provider's answer to "Authorize" is a redirect back to the portal: change it on the way.
        if route.request.method != "POST":
            return route.continue_()
        response = route.fetch(max_redirects=0)
        location = response.headers["location"].replace(f"{parameter}=", f"{parameter}=x", 1)
        return route.fulfill(status=302, headers={"Location": location})

    page.route(f"{sso}/oauth2/authorize*", tamper)
    page.goto(live_server.url + "/konto/logga-in/")
    page.get_by_role("link", name="Logga in med stadens konto").click()
    page.wait_for_url(f"{sso}/oauth2/authorize*")
    page.fill("input[name=sub]", "e2e-hans")
    page.get_by_role("button", name="Authorize").click()
    if parameter == "code":  # the provider refuses the changed code: back to the login, which says so
        page.wait_for_url("**/konto/logga-in/?sso=fel")
        assert page.get_by_role("alert").inner_text().startswith("Inloggningen med stadens konto misslyckades.")
    else:  # a state this browser was never given: refused as a bad request (SuspiciousOperation)
        page.wait_for_url("**/konto/sso/tillbaka/**")
        assert page.get_by_role("heading", name="Felaktig förfrågan").is_visible()
    assert page.get_by_role("button", name="Logga ut").count() == 0
    assert not get_user_model().objects.filter(oidc_identitet__sub="e2e-hans").exists()
    assert axe_violations(page) == []
