"""The matrix cache's version is the portal's published-data version (jamlik/ops/published.py):
any write that can change public output bumps it, so a cached matrix never outlives a change."""

from jamlik.ops.published import published_version

TIMEOUT = 24 * 60 * 60


def matris_version() -> str | None:
    return published_version()
