"""A client for Kolada's open API, version 3 (https://api.kolada.se/v3/). Plain Python, stdlib
only; what the values mean for the database is indikatorer/services/kolada.py.

Kolada answers JSON of the form

    {"count": 2, "values": [...], "next_page": "<url>" | null, "previous_page": ...}

where a data row is {"kpi": "N00914", "municipality": "1480" (or "ou": "V15E…"), "period": 2021,
"values": [{"gender": "T"|"K"|"M", "value": 81.5 | null, "status": "" | "Missing", "count": 1}]}
and a KPI is {"id", "title", "description", "is_divided_by_gender", "municipality_type", …}.
A page holds at most `per_page` rows; `next_page` is followed until it is empty (only within the
configured base address). A value can be null (missing, too few to report): it is kept with its
status. Timeouts, refused connections, 429 and 5xx answers are retried with exponential back-off;
any other answer is an error at once."""

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.utils.translation import gettext as _


class KoladaFel(Exception):
    """Kolada could not be read (after the retries)."""


@dataclass(frozen=True)
class Koladavarde:
    kpi: str
    id: str  # municipality or organisational unit id
    ar: int
    kon: str
    varde: float | None
    status: str


class Klient:
    def __init__(
        self,
        *,
        bas: str,
        timeout: float = 20,
        forsok: int = 4,
        vantan: float = 2,
        per_sida: int = 5000,
        sov: Callable[[float], None] = time.sleep,
    ):
        self.bas = bas if bas.endswith("/") else bas + "/"
        self.timeout = timeout
        self.forsok = forsok
        self.vantan = vantan
        self.per_sida = per_sida
        self.sov = sov
        self.anrop = 0  # requests sent, retries included (recorded with the fetch)

    @classmethod
    def fran_installningar(cls) -> "Klient":
        return cls(
            bas=settings.KOLADA_BASE_URL,
            timeout=settings.KOLADA_TIMEOUT,
            forsok=settings.KOLADA_RETRIES,
            vantan=settings.KOLADA_BACKOFF,
            per_sida=settings.KOLADA_PER_PAGE,
        )

    # -- transport ---------------------------------------------------------------------------

    def _get(self, url: str) -> dict:
        senaste = None
        for forsok in range(self.forsok + 1):
            if forsok:
                self.sov(self.vantan * 2 ** (forsok - 1))
            self.anrop += 1
            request = urllib.request.Request(url, headers={"Accept": "application/json", "User-Agent": "jamlik-stad"})
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as svar:
                    return json.loads(svar.read().decode("utf-8"))
            except urllib.error.HTTPError as exc:
                if exc.code == 429 or exc.code >= 500:
                    senaste = _("Kolada svarade %(kod)s.") % {"kod": exc.code}
                    continue
                raise KoladaFel(_("Kolada svarade %(kod)s för %(url)s.") % {"kod": exc.code, "url": url}) from exc
            except (TimeoutError, urllib.error.URLError, ConnectionError) as exc:
                senaste = _("Kolada svarade inte i tid eller gick inte att nå (%(fel)s).") % {"fel": exc}
            except (ValueError, UnicodeDecodeError) as exc:
                raise KoladaFel(_("Kolada svarade med något som inte är JSON.")) from exc
        raise KoladaFel(
            _("Kolada gick inte att läsa efter %(antal)s försök: %(fel)s") % {"antal": self.forsok + 1, "fel": senaste}
        )

    def _sidor(self, url: str) -> Iterator[dict]:
        bas = urlsplit(self.bas)
        sedda = set()
        while url:
            if url in sedda:
                raise KoladaFel(_("Kolada hänvisade till samma sida två gånger."))
            sedda.add(url)
            delar = urlsplit(url)
            if (delar.scheme, delar.netloc) != (bas.scheme, bas.netloc) or not delar.path.startswith(bas.path):
                raise KoladaFel(_("Kolada hänvisade till en sida utanför API:t: %(url)s") % {"url": url})
            sida = self._get(url)
            if not isinstance(sida, dict) or not isinstance(sida.get("values"), list):
                raise KoladaFel(_("Kolada svarade i ett okänt format."))
            yield from sida["values"]
            url = sida.get("next_page") or ""

    def _url(self, *delar: str) -> str:
        return self.bas + "/".join(delar) + "?" + urlencode({"per_page": self.per_sida})

    # -- resources ---------------------------------------------------------------------------

    def kpi(self, kpi_id: str) -> dict | None:
        """A KPI's metadata, or None if Kolada does not know it."""
        for rad in self._sidor(self._url("kpi", kpi_id)):
            if rad.get("id") == kpi_id:
                return rad
        return None

    def data(self, kpi_id: str, *, kommuner: list[str], ar: list[int]) -> Iterator[Koladavarde]:
        """Values per municipality (or region), every gender row."""
        url = self._url("data", "kpi", kpi_id, "municipality", ",".join(kommuner), "year", ",".join(map(str, ar)))
        yield from self._varden(url, "municipality")

    def oudata(self, kpi_id: str, *, enheter: list[str], ar: list[int]) -> Iterator[Koladavarde]:
        """Values per organisational unit (schools, preschools)."""
        url = self._url("oudata", "kpi", kpi_id, "ou", ",".join(enheter), "year", ",".join(map(str, ar)))
        yield from self._varden(url, "ou")

    def _varden(self, url: str, nyckel: str) -> Iterator[Koladavarde]:
        for rad in self._sidor(url):
            try:
                kpi, id_, ar = str(rad["kpi"]), str(rad[nyckel]), int(rad["period"])
                for v in rad.get("values") or []:
                    varde = v.get("value")
                    yield Koladavarde(
                        kpi=kpi,
                        id=id_,
                        ar=ar,
                        kon=str(v.get("gender") or "T"),
                        varde=float(varde) if varde is not None else None,
                        status=str(v.get("status") or "")[:40],
                    )
            except (KeyError, TypeError, ValueError) as exc:
                raise KoladaFel(
                    _("Kolada svarade med en rad i okänt format: %(rad)s") % {"rad": str(rad)[:200]}
                ) from exc
