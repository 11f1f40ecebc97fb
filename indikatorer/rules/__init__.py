"""Who may do what with indicators. Importing the package registers every permission
(django-rules autodiscovers `<app>.rules` at start-up)."""

from . import indikatorer

__all__ = ["indikatorer"]
