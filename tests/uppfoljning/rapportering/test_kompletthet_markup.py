"""The completeness table conveys its grouping in markup (one row group per activity, headed by a
th scope=rowgroup; each organisation a row header) and every report link has its own text."""

import re
from collections import Counter

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def accessible_text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_rows_are_grouped_by_activity_and_link_texts_are_unique(client, demo):
    client.force_login(demo["stadsledningskontoret"])
    response = client.get(reverse("uppfoljning:kompletthet"))
    html = response.content.decode()
    rader = response.context["resultat"].rader
    aktiviteter = {rad["aktivitet"].pk for rad in rader}
    table = html[html.index('<table class="kompletthet">') :]
    table = table[: table.index("</table>")]
    assert table.count("<tbody>") == len(aktiviteter) > 1
    assert len(re.findall(r'<th scope="rowgroup" colspan="3">', table)) == len(aktiviteter)
    assert len(re.findall(r'<th scope="row">', table)) == len(rader)
    links = [accessible_text(a) for a in re.findall(r"<a [^>]*>(.*?)</a>", table, re.S)]
    assert links and all(n == 1 for n in Counter(links).values()), Counter(links).most_common(3)
    godkand = [text for text in links if text.startswith("Godkänd")]
    assert godkand and all(", rapport från " in text and " om " in text for text in godkand)
    # In its scroll container, named by the caption.
    assert re.search(
        r'<div class="table-scroll"\s+role="region"\s+tabindex="0"\s+aria-labelledby="kompletthet-tabell">', html
    )
