"""The matrix cache's version is the portal's plan-data version (jamlik/ops/published.py): any
write to plan data bumps it, so a cached matrix never outlives a change to the plan; follow-up data
(approvals, statuses, evaluations), which the matrix does not show, leaves it alone. Read from the
process's follower without a round trip while it follows."""

from jamlik.ops.published import plan_data_version_current

TIMEOUT = 24 * 60 * 60


def matris_version() -> str | None:
    return plan_data_version_current()
