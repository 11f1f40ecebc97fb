"""`__bland` (jamlik/lookups.py) answers as `__in` does, on the database the tests run on."""

import pytest
from django.db.models import Q

from plan.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("ids", [[], [1], [3, 1, 2, 3], list(range(1, 200))])
def test_bland_selects_what_in_selects(plan, ids):
    def pks(qs):
        return sorted(qs.values_list("pk", flat=True))

    assert pks(Organisation.objects.filter(pk__bland=ids)) == pks(Organisation.objects.filter(pk__in=ids))
    assert pks(Organisation.objects.exclude(pk__bland=ids)) == pks(Organisation.objects.exclude(pk__in=ids))
    bada = Q(pk__bland=ids) | Q(slug="kulturnamnden")
    assert pks(Organisation.objects.filter(bada)) == pks(
        Organisation.objects.filter(Q(pk__in=ids) | Q(slug="kulturnamnden"))
    )
    # On a foreign key, as the reporting lists use it.
    assert pks(Organisation.objects.filter(rapporterar_for_id__bland=ids)) == pks(
        Organisation.objects.filter(rapporterar_for_id__in=ids)
    )
    if ids:
        assert Organisation.objects.filter(pk__bland=ids).exists()


def test_bland_is_one_array_parameter_on_postgresql(plan):
    sql, params = Organisation.objects.filter(pk__bland=range(1, 101)).query.sql_with_params()
    assert "= ANY(%s)" in sql and list(params) == [list(range(1, 101))]
