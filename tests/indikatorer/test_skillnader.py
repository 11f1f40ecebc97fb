"""The gap between areas on known data."""

import pytest

from indikatorer.selectors.skillnader import skillnader, trend

VARDEN = [
    ("Angered", 2020, "T", 52.0),
    ("Centrum", 2020, "T", 84.0),
    ("Hisingen", 2020, "T", 70.0),
    ("Angered", 2020, "K", 48.0),
    ("Centrum", 2020, "K", 83.0),
    ("Angered", 2021, "T", 55.0),
    ("Centrum", 2021, "T", None),  # missing: not counted
    ("Hisingen", 2021, "T", 71.0),
    ("Angered", 2022, "T", 60.0),  # only one area with a value: no difference that year
    ("Centrum", 2022, "M", 0.0),
    ("Hisingen", 2022, "M", 3.0),
]


def test_highest_lowest_gap_and_ratio_per_year_and_gender():
    rader = skillnader(VARDEN)
    assert [(r.ar, r.kon) for r in rader] == [(2020, "T"), (2020, "K"), (2021, "T"), (2022, "M")]
    t2020 = rader[0]
    assert (t2020.hogst_omrade, t2020.hogst, t2020.lagst_omrade, t2020.lagst) == ("Centrum", 84.0, "Angered", 52.0)
    assert t2020.skillnad == 32.0
    assert t2020.kvot == pytest.approx(84 / 52)
    assert t2020.antal_omraden == 3
    assert (t2020.basta_omrade, t2020.samsta_omrade) == ("Centrum", "Angered")
    k2020 = rader[1]
    assert (k2020.skillnad, k2020.kvot) == (35.0, pytest.approx(83 / 48))
    t2021 = rader[2]
    assert (t2021.hogst_omrade, t2021.lagst_omrade, t2021.antal_omraden, t2021.skillnad) == (
        "Hisingen",
        "Angered",
        2,
        16.0,
    )
    m2022 = rader[3]
    assert m2022.skillnad == 3.0 and m2022.kvot is None  # the lowest is zero


def test_when_lower_is_better_the_lowest_area_is_the_best():
    t2020 = skillnader(VARDEN, hogre_ar_battre=False)[0]
    assert (t2020.basta_omrade, t2020.samsta_omrade) == ("Angered", "Centrum")


def test_ties_are_broken_by_name_and_negative_values_have_no_ratio():
    rader = skillnader([("B", 2020, "T", 5.0), ("A", 2020, "T", 5.0), ("C", 2020, "T", -1.0)])
    assert (rader[0].hogst_omrade, rader[0].lagst_omrade, rader[0].kvot) == ("A", "C", None)


def test_trend_follows_the_better_direction():
    assert trend([(2019, 50.0), (2020, None), (2021, 55.0)]) == "battre"
    assert trend([(2019, 50.0), (2021, 55.0)], hogre_ar_battre=False) == "samre"
    assert trend([(2019, 50.0), (2021, 50.0)]) == "oforandrad"
    assert trend([(2019, 50.0), (2021, None)]) is None
