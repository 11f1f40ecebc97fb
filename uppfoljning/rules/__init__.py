"""Who may do what in uppföljning, and when: one module per sub-domain. Importing the package
registers every permission (django-rules autodiscovers `<app>.rules` at start-up)."""

from . import rapportering, sammanstallning, utvardering

__all__ = ["rapportering", "sammanstallning", "utvardering"]
