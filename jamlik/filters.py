"""Filter fields shared by every app's FilterSets: strict about input, so a bad value is a 400 (API)
or a message on the page, never silently ignored."""

import django_filters
from django import forms
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.forms.utils import pretty_name
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES
from django_filters.fields import BaseCSVField
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from jamlik.ops.fragments import aktiviteter_fragment
from jamlik.ops.published import published_version


class PlanContentSelect(forms.Select):
    """A choice of plan content (organisations, activities, strategies…): in an interface that is
    not Swedish, each option but the empty one is marked lang="sv" (WCAG 3.1.2)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value not in (None, "") and (get_language() or "sv").split("-")[0] != "sv":
            option["attrs"] = {**option["attrs"], "lang": "sv"}
        return option

    def get_context(self, name, value, attrs):
        """The options as one piece of HTML, written here: the same markup as select.html's loop,
        which at a city's size (hundreds of organisations) was most of a filter form's time."""
        context = super().get_context(name, value, attrs)
        context["widget"]["options_html"] = mark_safe("".join(_options_html(context["widget"]["optgroups"])))
        return context


def _options_html(optgroups):
    for group_name, group_choices, _index in optgroups:
        if group_name:
            yield format_html('<optgroup label="{}">', group_name)
        for option in group_choices:
            attrs = "".join(
                format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
                for name, value in option["attrs"].items()
                if value is not False
            )
            yield format_html('<option value="{}"{}>{}</option>', option["value"], mark_safe(attrs), option["label"])
        if group_name:
            yield "</optgroup>"


@extend_schema_field(OpenApiTypes.STR)
class SlugFilter(django_filters.ModelChoiceFilter):
    """Choose a related row by its stable identifier (slug); an unknown slug is a form error."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("empty_label", _("Alla"))
        kwargs.setdefault("widget", PlanContentSelect)
        super().__init__(*args, **kwargs)


class StrictBooleanField(forms.NullBooleanField):
    """true/false (or 1/0); anything else is an error instead of being silently ignored."""

    widget = forms.TextInput

    def to_python(self, value):
        if value in (None, ""):
            return None
        if str(value).lower() in {"true", "1"}:
            return True
        if str(value).lower() in {"false", "0"}:
            return False
        raise ValidationError(_("Ange true eller false."), code="invalid")


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class IntegerFilter(django_filters.NumberFilter):
    """A whole number: "0.5" is an error, not a filter that matches nothing."""

    field_class = forms.IntegerField


class ChoiceFilter(django_filters.ChoiceFilter):
    """A choice whose empty option reads "Alla" instead of Django's dashes."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_label", _("Alla"))
        super().__init__(*args, **kwargs)


class StrictOrderingField(BaseCSVField):
    """The terms of an ordering, comma-separated: every term a known column (a minus first for
    descending), none empty and no column twice. An empty parameter means the default order."""

    def clean(self, value):
        if value in (None, []):
            return None
        if any(not term.strip() for term in value):
            raise ValidationError(
                _("Sorteringen har en tom del: ange kolumner åtskilda med kommatecken, utan tomma delar."),
                code="empty_term",
            )
        known = [str(choice) for choice, _label in self.choices if choice not in ("", None)]
        unknown = [term for term in value if term not in known]
        if unknown:
            raise ValidationError(
                _("Okänd sortering: %(terma)s. Möjliga värden: %(kanda)s."),
                code="unknown_term",
                params={"terma": ", ".join(unknown), "kanda": ", ".join(known)},
            )
        columns = [term.removeprefix("-") for term in value]
        if len(set(columns)) != len(columns):
            raise ValidationError(_("Sorteringen nämner samma kolumn två gånger."), code="duplicate_term")
        return value


class OrderingFilter(django_filters.OrderingFilter):
    """Sortable columns, strict (StrictOrderingField): an empty, unknown or repeated term is a
    form error (400 in the API, a message next to the field on the page), never ignored. The
    primary key ends every ordering, so rows that tie keep one order across pages."""

    base_field_class = StrictOrderingField

    def build_choices(self, fields, labels):
        # django-filter formats "… (descending)" when the class is defined, in whatever language is
        # active then; here each label is translated when it is shown.
        choices = []
        for field, param in fields.items():
            label = labels.get(field, _(pretty_name(param)))
            choices.append((param, label))
            choices.append((f"-{param}", labels.get(f"-{param}", format_lazy(_("{} (fallande)"), label))))
        return choices

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        return qs.order_by(*[self.get_ordering_value(term) for term in value], "pk")


CHOICES_TIMEOUT = 24 * 60 * 60


def cache_choices(filterset) -> None:
    """Give a page's filter form the choices of its related-row filters (organisations, activities,
    periods, plans) from the cache: read once per published-data version (bumped by any change to
    them), FilterSet, plan and language instead of on every request — at a city's size the
    organisation list alone is a few hundred rows built into model instances. A chosen value is still
    checked against the filter's queryset. Without the cache (Redis down) the form reads them as before."""
    version = published_version()
    if version is None:
        return
    fields = {name: f for name, f in filterset.form.fields.items() if isinstance(f, forms.ModelChoiceField)}
    plan = getattr(filterset, "plan", None)
    prefix = f"filterval:{type(filterset).__qualname__}:{getattr(plan, 'pk', '')}:{get_language()}:{version}:"
    found = cache.get_many([prefix + name for name in fields])
    missing = {}
    for name, field in fields.items():
        choices = found.get(prefix + name)
        if choices is None:
            choices = missing[prefix + name] = [
                (str(getattr(obj, field.to_field_name or "pk")), str(field.label_from_instance(obj)))
                for obj in field.queryset
            ]
        # Django's own setter (django-filter's wraps the value in its model iterator).
        forms.ChoiceField.choices.fset(
            field, ([("", field.empty_label)] if field.empty_label is not None else []) + choices
        )
    if missing:
        cache.set_many(missing, CHOICES_TIMEOUT)


FORM_TEMPLATE = "komponenter/filterfalt.html"


def filter_fields_html(filterset, *, extra_key: str = "") -> str:
    """The filter form's fields as HTML (komponenter/filterfalt.html), kept in the cache once
    rendered: a valid form's fields are a function of its data, its choices, the plan, the language
    and `extra_key` (what else decides an initial value), and seven fields through the form renderer
    cost several milliseconds on every request. The choices are plan data (plans, activities,
    organisations, strategies) and follow-up rows of no one activity (periods, indicator areas): kept
    under those two versions (jamlik/ops/fragments.py), so an approval leaves the form alone. A form
    with errors is rendered afresh (its messages next to the fields)."""
    form = filterset.form
    if form.is_bound and form.errors:
        return render_to_string(FORM_TEMPLATE, {"form": form})
    data = form.data if form.is_bound else {}
    values = [
        (name, data.getlist(name) if hasattr(data, "getlist") else data.get(name)) for name in sorted(form.fields)
    ]
    plan = getattr(filterset, "plan", None)

    def render() -> str:
        cache_choices(filterset)
        return str(render_to_string(FORM_TEMPLATE, {"form": form}))

    html = aktiviteter_fragment(
        (),
        "filterfalt",
        type(filterset).__qualname__,
        getattr(plan, "pk", ""),
        repr((values, extra_key)),
        render=render,
    )
    return mark_safe(html)
