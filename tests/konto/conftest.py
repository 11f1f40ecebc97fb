from tests.konto.oidc import oidc_provider, sso  # noqa: F401 (fixtures)
