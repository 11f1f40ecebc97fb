"""Reads of synpunkter."""

from datetime import timedelta

from django.utils import timezone

from synpunkter.models import Synpunkt


def synpunkter_from_sender_count(*, avsandare: str, within: timedelta) -> int:
    """How many synpunkter one sender (keyed hash of the address) sent within the last `within`."""
    return Synpunkt.objects.filter(avsandare=avsandare, skapad__gte=timezone.now() - within).count()
