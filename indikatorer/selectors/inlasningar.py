"""Reads of the fetch record."""

from indikatorer.models import Inlasning


def senaste_inlasningar(antal: int = 10) -> list[Inlasning]:
    return list(Inlasning.objects.order_by("-startad")[:antal])
