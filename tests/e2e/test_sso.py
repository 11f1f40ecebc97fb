"""Single sign-on end to end in Chromium against a real OpenID Connect provider on loopback: sign
in at the provider, arrive signed in with the organisation the provider names, sign out of both."""

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
