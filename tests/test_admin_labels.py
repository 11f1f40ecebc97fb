"""The admin's tabular inlines label every input by field and row (their column headers are no
labels); the split date/time widget labels both parts. axe over the admin's change forms runs in
tests/e2e/test_tillganglighet.py."""

import re

import pytest

from plan.models import Malomrade

pytestmark = pytest.mark.django_db


def test_tabular_inline_inputs_are_named_by_field_and_row(admin_client, plan):
    malomrade = Malomrade.objects.filter(strategier__isnull=False).distinct().first()
    html = admin_client.get(f"/admin/plan/malomrade/{malomrade.pk}/change/").content.decode()
    controls = re.findall(r"<(?:input|select|textarea)\b[^>]*\bname=\"strategier-(\d+)-(\w+)\"[^>]*>", html)
    assert len(controls) > 10
    for tag in re.findall(r"<(?:input|select|textarea)\b[^>]*\bname=\"strategier-\d+-\w+\"[^>]*>", html):
        if 'type="hidden"' in tag:
            continue
        row = int(re.search(r'name="strategier-(\d+)-', tag).group(1))
        assert re.search(rf'aria-label="[^"]+, rad {row + 1}"', tag), tag
    assert 'aria-label="Namn, rad 1"' in html and 'aria-label="Radera, rad 1"' in html


def test_split_datetime_parts_have_labels(admin_client, django_user_model):
    user = django_user_model.objects.get(username="admin")
    html = admin_client.get(f"/admin/auth/user/{user.pk}/change/").content.decode()
    assert '<label for="id_last_login_0">Datum:</label>' in html
    assert '<label for="id_last_login_1">Tid:</label>' in html
