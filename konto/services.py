"""Writes on accounts: issue and revoke API keys."""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from knox.models import AuthToken

logger = logging.getLogger("jamlik.konto")


@transaction.atomic
def api_nyckel_create(*, user: AbstractBaseUser, dagar: int | None = None) -> tuple[AuthToken, str]:
    """Issue an API key for `user`, valid for `dagar` days (default API_TOKEN_TTL_DAYS).

    Returns the stored row and the plaintext key: the caller shows it once; it is never stored."""
    if not user.is_active:
        raise ValueError("An inactive account gets no API key.")
    dagar = settings.API_TOKEN_TTL_DAYS if dagar is None else dagar
    if not 1 <= dagar <= settings.API_TOKEN_MAX_DAYS:
        raise ValueError(f"An API key is valid for 1 to {settings.API_TOKEN_MAX_DAYS} days.")
    token, plaintext = AuthToken.objects.create(user=user, expiry=timedelta(days=dagar))
    logger.info("api key issued", extra={"event": "api_key_issued", "user_id": user.pk, "key": token.token_key})
    return token, plaintext


@transaction.atomic
def api_nycklar_revoke(*, user: AbstractBaseUser, orsak: str) -> int:
    """Revoke every API key of `user` (password changed, account deactivated, on request)."""
    count, _ = AuthToken.objects.filter(user=user).delete()
    if count:
        logger.info("api keys revoked", extra={"event": "api_keys_revoked", "user_id": user.pk, "reason": orsak})
    return count
