"""Writes on accounts: issue and revoke API keys; users from single sign-on."""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from knox.models import AuthToken

from jamlik.errors import Domanfel
from konto.models import OidcIdentitet
from plan.models import Medlemskap, Organisation

logger = logging.getLogger("jamlik.konto")


@transaction.atomic
def api_nyckel_create(*, user: AbstractBaseUser, dagar: int | None = None) -> tuple[AuthToken, str]:
    """Issue an API key for `user`, valid for `dagar` days (default API_TOKEN_TTL_DAYS).

    Returns the stored row and the plaintext key: the caller shows it once; it is never stored."""
    if not user.is_active:
        raise Domanfel(_("Ett inaktivt konto får ingen API-nyckel."), code="inaktiv")
    dagar = settings.API_TOKEN_TTL_DAYS if dagar is None else dagar
    if not 1 <= dagar <= settings.API_TOKEN_MAX_DAYS:
        raise Domanfel(
            _("En API-nyckel gäller i 1 till %(max)s dagar.") % {"max": settings.API_TOKEN_MAX_DAYS}, code="dagar"
        )
    token, plaintext = AuthToken.objects.create(user=user, expiry=timedelta(days=dagar))
    logger.info("api key issued", extra={"event": "api_key_issued", "user_id": user.pk, "key": token.token_key})
    return token, plaintext


@transaction.atomic
def api_nycklar_revoke(*, user: AbstractBaseUser, orsak: str) -> int:
    """Revoke every API key of `user` (password changed, account deactivated, on request)."""
    count, _per_model = AuthToken.objects.filter(user=user).delete()
    if count:
        logger.info("api keys revoked", extra={"event": "api_keys_revoked", "user_id": user.pk, "reason": orsak})
    return count


@transaction.atomic
def oidc_user_sync(*, issuer: str, claims: dict, create: bool) -> AbstractBaseUser | None:
    """The user for a verified set of OpenID Connect claims: matched by (issuer, sub), created if
    allowed, name and e-mail updated from the claims, and — when OIDC_ORGANISATION_CLAIM is set and
    the claim is present — memberships set to exactly the organisations it names (by slug).
    Without that setting, memberships are kept in the portal."""
    User = get_user_model()
    sub = str(claims["sub"])
    identitet = (
        OidcIdentitet.objects.select_for_update().select_related("anvandare").filter(issuer=issuer, sub=sub).first()
    )
    if identitet is None:
        if not create:
            logger.info("sso user unknown", extra={"event": "sso_user_unknown"})
            return None
        user = User(username=_free_username(User, claims), is_active=True)
        user.set_unusable_password()
        _apply_claims(user, claims)
        user.save()
        identitet = OidcIdentitet.objects.create(anvandare=user, issuer=issuer, sub=sub)
        logger.info("sso user created", extra={"event": "sso_user_created", "user_id": user.pk})
    else:
        user = identitet.anvandare
        _apply_claims(user, claims)
        user.save(update_fields=["email", "first_name", "last_name"])
    if not user.is_active:
        logger.warning("sso login of inactive user", extra={"event": "sso_inactive_user", "user_id": user.pk})
        return None
    identitet.senast_inloggad = timezone.now()
    identitet.save(update_fields=["senast_inloggad"])
    claim = settings.OIDC_ORGANISATION_CLAIM
    if claim and claim in claims:
        _sync_memberships(user, claims[claim])
    return user


def _free_username(User, claims: dict) -> str:
    wanted = str(claims.get(settings.OIDC_USERNAME_CLAIM) or claims.get("email") or claims["sub"])[:140]
    username, n = wanted, 1
    while User.objects.filter(username=username).exists():
        n += 1
        username = f"{wanted}-{n}"
    return username


def _apply_claims(user, claims: dict) -> None:
    user.email = str(claims.get("email") or user.email or "")[:254]
    user.first_name = str(claims.get("given_name") or user.first_name or "")[:150]
    user.last_name = str(claims.get("family_name") or user.last_name or "")[:150]


def _sync_memberships(user, value) -> None:
    slugs = {str(v) for v in (value if isinstance(value, list | tuple) else [value]) if v}
    organisationer = {o.slug: o for o in Organisation.objects.filter(slug__in=slugs)}
    unknown = slugs - set(organisationer)
    if unknown:
        logger.warning("sso organisations unknown", extra={"event": "sso_organisation_unknown", "count": len(unknown)})
    Medlemskap.objects.filter(anvandare=user).exclude(organisation__in=organisationer.values()).delete()
    for organisation in organisationer.values():
        Medlemskap.objects.get_or_create(anvandare=user, organisation=organisation)
