"""Indicators and their values are public to read. Importing area statistics and fetching from
Kolada changes published figures: planägare (stadsledningskontoret, who owns the follow-up)."""

from jamlik.rules import add_perm
from plan.rules import is_planagare

add_perm("indikatorer.import_varde", is_planagare)
add_perm("indikatorer.fetch_kolada", is_planagare)
