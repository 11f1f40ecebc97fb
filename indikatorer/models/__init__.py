from .indikator import Indikator, Inlasning, Malvarde, Varde
from .omrade import Omrade

__all__ = ["Indikator", "Inlasning", "Malvarde", "Omrade", "Varde"]
