"""Writing values: the one path every source (file import, Kolada, demo) takes into `Varde`.

`varden_upsert` compares the incoming rows with what is stored and writes only the difference
(batched INSERT … ON CONFLICT DO UPDATE), so a re-run that brings nothing new changes nothing (and does
not bump the published-data version). Bulk writes send no post_save, so the version is bumped
here explicitly when anything changed."""

import math
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from indikatorer.models import Varde
from jamlik.ops.published import published_version_bump

BATCH = 5000


@dataclass(frozen=True, slots=True)
class Ny:
    """An incoming value, identified by ids."""

    indikator_id: int
    omrade_id: int
    ar: int
    kon: str
    grupp: str
    varde: float | None
    status: str = ""


@dataclass
class Utfall:
    nya: int = 0
    andrade: int = 0
    oforandrade: int = 0

    @property
    def totalt(self) -> int:
        return self.nya + self.andrade + self.oforandrade


def _lika(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)


def _befintliga(indikator_ids: set[int]) -> dict[tuple, tuple]:
    """(indikator, omrade, ar, kon, grupp) → (pk, varde, status, kalla, exempel) for the indicators."""
    return {
        (i, o, a, k, g): (pk, v, s, kalla, ex)
        for pk, i, o, a, k, g, v, s, kalla, ex in Varde.objects.filter(indikator_id__in=indikator_ids)
        .values_list("pk", "indikator_id", "omrade_id", "ar", "kon", "grupp", "varde", "status", "kalla", "exempel")
        .iterator(chunk_size=20000)
    }


def _i_omgangar(objekt, storlek: int = BATCH):
    omgang = []
    for o in objekt:
        omgang.append(o)
        if len(omgang) == storlek:
            yield omgang
            omgang = []
    if omgang:
        yield omgang


@transaction.atomic
def varden_upsert(*, rader: Iterable[Ny], kalla: str, exempel: bool = False) -> Utfall:
    """Store `rader` (unique by key; the caller has validated them). Rows equal to the stored ones
    are left alone; new and changed ones are written in batches with one INSERT … ON CONFLICT DO
    UPDATE per batch (PostgreSQL and SQLite alike: no per-row UPDATE, pks kept), so memory stays
    bounded by the batch. Atomic: all or nothing."""
    rader = list(rader)
    befintliga = _befintliga({r.indikator_id for r in rader})
    nu = timezone.now()
    utfall = Utfall()

    def att_skriva():
        for r in rader:
            fore = befintliga.get((r.indikator_id, r.omrade_id, r.ar, r.kon, r.grupp))
            if fore is None:
                utfall.nya += 1
            elif _lika(fore[1], r.varde) and fore[2] == r.status and fore[3] == kalla and fore[4] == exempel:
                utfall.oforandrade += 1
                continue
            else:
                utfall.andrade += 1
            yield Varde(
                indikator_id=r.indikator_id,
                omrade_id=r.omrade_id,
                ar=r.ar,
                kon=r.kon,
                grupp=r.grupp,
                varde=r.varde,
                status=r.status,
                kalla=kalla,
                hamtad=nu,
                exempel=exempel,
            )

    for omgang in _i_omgangar(att_skriva()):
        Varde.objects.bulk_create(
            omgang,
            update_conflicts=True,
            unique_fields=["indikator", "omrade", "ar", "kon", "grupp"],
            update_fields=["varde", "status", "kalla", "hamtad", "exempel"],
        )
    if utfall.nya or utfall.andrade:
        published_version_bump(plan_data=False)  # values are follow-up data
    return utfall


def forandring(*, rader: list[Ny], kalla: str, exempel: bool = False) -> tuple[Utfall, list[tuple[Ny, float | None]]]:
    """What `varden_upsert` would do, without writing: the counts and the changed rows with their
    stored value (for a preview's before → after)."""
    befintliga = _befintliga({r.indikator_id for r in rader})
    utfall, andrade = Utfall(), []
    for r in rader:
        fore = befintliga.get((r.indikator_id, r.omrade_id, r.ar, r.kon, r.grupp))
        if fore is None:
            utfall.nya += 1
        elif _lika(fore[1], r.varde) and fore[2] == r.status and fore[3] == kalla and fore[4] == exempel:
            utfall.oforandrade += 1
        else:
            utfall.andrade += 1
            andrade.append((r, fore[1]))
    return utfall, andrade
