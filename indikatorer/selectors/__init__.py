"""Reads of the indicators. `kapitel(plan=…, ar=…)` is the compiled report's chapter (rapport.py)."""

from .rapport import kapitel

__all__ = ["kapitel"]
