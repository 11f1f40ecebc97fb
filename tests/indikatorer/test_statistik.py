"""Importing area statistics: every bad row refused with its reason, nothing applied on any error,
a clean file applied whole and a second run changing nothing."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import Workbook

from indikatorer.models import Inlasning, Varde
from indikatorer.services.statistik import statistik_apply, statistik_preview
from jamlik.actors import SYSTEM
from jamlik.errors import Domanfel
from jamlik.ops.published import published_version

pytestmark = pytest.mark.django_db

BRA = (
    "indikator;omrade;ar;kon;grupp;varde;status\n"
    "N00914;SO1;2020;T;;61,5;\n"
    "N00914;SO1;2020;K;;58,0;\n"
    "N00914;SO2;2020;T;;80.25;\n"
    "forvarvsfrekvens;centrum;2021;M;;;för få svarande\n"
    "trangbodda-barn;nordost;2021;;;33;\n"
)


def csv(text: str) -> bytes:
    return text.encode("utf-8-sig")


def test_a_clean_file_is_previewed_then_applied_whole_and_a_rerun_changes_nothing(plan, indikatorer, planagare):
    forhand = statistik_preview(user=planagare, plan=plan, data=csv(BRA), filnamn="v.csv")
    assert forhand.fel == []
    assert (forhand.utfall.nya, forhand.utfall.andrade) == (5, 0)
    fore = published_version()
    inlasning = statistik_apply(user=planagare, plan=plan, data=csv(BRA), filnamn="v.csv")
    assert published_version() != fore  # bulk writes send no signals: the service bumps the version
    assert (inlasning.antal_nya, inlasning.antal_andrade, inlasning.antal_oforandrade) == (5, 0, 0)
    assert Varde.objects.count() == 5
    saknas = Varde.objects.get(kon="M")
    assert saknas.varde is None and saknas.status == "för få svarande"
    assert Varde.objects.get(omrade__kod="SO2", ar=2020).varde == 80.25
    assert Varde.objects.get(omrade__kod="SO1", kon="K").varde == 58.0

    fore = published_version()
    igen = statistik_apply(user=planagare, plan=plan, data=csv(BRA), filnamn="v.csv")
    assert (igen.antal_nya, igen.antal_andrade, igen.antal_oforandrade) == (0, 0, 5)
    assert published_version() == fore

    andrad = BRA.replace("61,5", "62,5")
    forhand = statistik_preview(user=planagare, plan=plan, data=csv(andrad))
    assert forhand.utfall.andrade == 1
    assert forhand.andringar[0][5:] == (61.5, 62.5)


def test_every_bad_row_is_refused_with_its_reason_and_nothing_is_applied(plan, indikatorer, planagare):
    fil = csv(
        "indikator;omrade;ar;kon;varde\n"
        "N00914;SO1;2020;T;61,5\n"  # row 2: fine
        "okand;SO1;2020;T;1\n"  # 3: unknown indicator
        "N00914;Atlantis;2020;T;1\n"  # 4: unknown area
        "N00914;SO1;2020;T;7\n"  # 5: duplicate of row 2
        "N00914;SO2;2020;T;många\n"  # 6: not a number
        "N00914;SO2;1990;T;1\n"  # 7: before the plan's baseline
        "N00914;SO2;2030;T;1\n"  # 8: after the plan
        "N00914;SO3;2018;T;1\n"  # 9: the area did not exist yet
        "N00914;SO2;2020;X;1\n"  # 10: no such gender
        "trangbodda-barn;SO2;2020;K;1\n"  # 11: not divided by gender
        "N00914;SO2;20x1;T;1\n"  # 12: not a year
    )
    forhand = statistik_preview(user=planagare, plan=plan, data=fil)
    fel = {(f.rad, f.text) for f in forhand.fel}
    assert not forhand.kan_verkstallas
    assert {rad for rad, _ in fel} == set(range(3, 13))
    texter = dict(fel)
    assert texter[3].startswith("Okänd indikator ”okand”")
    assert texter[4] == "Okänt område ”Atlantis”."
    assert texter[5] == "Samma indikator, område, år, kön och grupp står redan på rad 2."
    assert texter[6] == "Värdet ”många” är inte ett tal."
    assert texter[7] == "Året 1990 ligger utanför planen (värden tas emot för 2009–2022)."
    assert texter[8] == "Året 2030 ligger utanför planen (värden tas emot för 2009–2022)."
    assert texter[9] == "Området Sydväst fanns inte år 2018."
    assert texter[10] == "Kön ”X” finns inte: ange T, K eller M."
    assert texter[11] == "Indikatorn Trångbodda barn är inte könsuppdelad: ange T."
    assert texter[12] == "Året ”20x1” är inte ett årtal."
    with pytest.raises(Domanfel) as fel:
        statistik_apply(user=planagare, plan=plan, data=fil)
    assert "Inget sparades: filen har 10 fel." in fel.value.messages
    assert Varde.objects.count() == 0
    assert not Inlasning.objects.exists()


@pytest.mark.parametrize(
    ("fil", "text"),
    [
        (b"indikator;omrade;ar;varde;extra\nx;y;2020;1;2\n", "Filen har kolumner som inte finns i mallen: extra."),
        (b"indikator;omrade;varde\nx;y;1\n", "Filen saknar kolumnerna ar."),
        (b"", "Filen är tom."),
        (b"indikator;omrade;ar;varde\n", "Filen innehåller inga värden."),
        ("indikator;omrade;ar;varde\nå;å;2020;1\n".encode("latin-1"), "CSV-filen måste vara sparad som UTF-8."),
        (b"PK\x03\x04garbage", "Filen är skadad eller inte en giltig fil."),
    ],
)
def test_a_file_of_the_wrong_layout_is_refused_whole(plan, indikatorer, planagare, fil, text):
    with pytest.raises(Domanfel) as fel:
        statistik_preview(user=planagare, plan=plan, data=fil, filnamn="f.csv")
    assert fel.value.messages[0].startswith(text)


def test_xlsx_in_the_same_layout_is_read_like_csv(plan, indikatorer, planagare):
    wb = Workbook()
    ws = wb.active
    ws.append(["Indikator", "Omrade", "Ar", "Kon", "Varde"])
    ws.append(["N00914", "SO1", 2020, "K", 58.5])
    ws.append(["N00914", "1480", 2020, "T", 60])
    ut = io.BytesIO()
    wb.save(ut)
    inlasning = statistik_apply(user=planagare, plan=plan, data=ut.getvalue(), filnamn="v.xlsx")
    assert inlasning.antal_nya == 2
    assert sorted(Varde.objects.values_list("omrade__kod", "varde")) == [("1480", 60.0), ("SO1", 58.5)]


def test_only_planagare_and_the_system_may_import(plan, indikatorer, demo):
    with pytest.raises(PermissionDenied):
        statistik_preview(user=demo["tjansteperson"], plan=plan, data=csv(BRA))
    assert statistik_apply(user=SYSTEM, plan=plan, data=csv(BRA)).antal_nya == 5
