"""Plan content is Swedish whatever the interface language: in English it is marked lang="sv"
(WCAG 3.1.2), in Swedish nothing extra. The whole portal is walked in Chromium by
tests/e2e/test_tillganglighet.py; these check the pieces."""

import re

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation

from jamlik.filters import PlanContentSelect


def render(source: str, **context) -> str:
    return Template("{% load plantext %}" + source).render(Context(context))


def test_sv_filter_and_tag_mark_plan_content_only_in_a_foreign_interface():
    with translation.override("sv"):
        assert render("{{ namn|sv }}", namn="Kulturnämnden & <b>") == "Kulturnämnden &amp; &lt;b&gt;"
        assert render("<p{% lang_sv %}>x</p>") == "<p>x</p>"
        assert render("{{ t|plantext }}", t="Ett stycke.") == "<p>Ett stycke.</p>"
    with translation.override("en"):
        assert (
            render("{{ namn|sv }}", namn="Kulturnämnden & <b>")
            == '<span lang="sv">Kulturnämnden &amp; &lt;b&gt;</span>'
        )
        assert render("{{ namn|sv }}", namn="") == ""
        assert render("<p{% lang_sv %}>x</p>") == '<p lang="sv">x</p>'
        assert render("{{ t|plantext }}", t="Ett stycke.\n\n- a\n- b") == (
            '<div lang="sv"><p>Ett stycke.</p><ul><li>a</li><li>b</li></ul></div>'
        )


def test_plan_content_choices_are_marked_but_not_the_empty_choice():
    widget = PlanContentSelect(choices=[("", "All"), ("kultur", "Kulturnämnden")])
    with translation.override("en"):
        html = widget.render("organisation", "")
    assert re.search(r'<option value=""[^>]*>All</option>', html) and 'value="" lang' not in html
    assert re.search(r'<option value="kultur"[^>]*lang="sv"[^>]*>Kulturnämnden</option>', html)
    with translation.override("sv"):
        assert 'lang="sv"' not in widget.render("organisation", "")


@pytest.mark.django_db
def test_english_pages_mark_names_and_texts_swedish(client, plan):
    client.cookies["django_language"] = "en"
    html = client.get("/strategier/minska-boendesegregationen/").content.decode()
    assert re.search(r'<h1>\s*<span lang="sv">Minska boendesegregationen</span>\s*</h1>', html)
    assert '<span class="site-title__sub" lang="sv">' in html
    html = client.get("/om-planen/").content.decode()
    assert '<div lang="sv"><p>' in html
    client.cookies["django_language"] = "sv"
    assert (
        'lang="sv"' not in client.get("/strategier/minska-boendesegregationen/").content.decode().split("<body", 1)[1]
    )


def test_plan_content_options_written_in_python_are_the_template_s_markup():
    choices = [("", "Alla"), ("kultur", "Kulturnämnden & <b>"), ("social", 'Socialnämnden "Nordost"')]
    for language in ("sv", "en"):
        with translation.override(language):
            snabb = PlanContentSelect(choices=choices).render("organisation", "kultur", attrs={"id": "id_org"})
            mall = PlanContentSelect(choices=choices)
            mall.get_context = forms.Select.get_context.__get__(mall)  # the template's own loop
            assert snabb == mall.render("organisation", "kultur", attrs={"id": "id_org"})
            assert '<option value="kultur" selected' in snabb and "&amp; &lt;b&gt;" in snabb
