"""Writes of uppfoljning, one module per area: plan_import.py (the follow-up specification from the
plan's fixture) and rapportering.py (periods, status reports and their workflow)."""

from .plan_import import planerad_uppfoljning_import, styrningsaktiviteter_import

__all__ = ["planerad_uppfoljning_import", "styrningsaktiviteter_import"]
