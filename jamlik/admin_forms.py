"""Accessible admin inlines. A tabular inline shows its field names only as column headers, so its
inputs have no label of their own (axe: "label", "select-name"); every input gets an aria-label
naming the field and the row. Part of the shared kit: imports no app."""

from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext as _


class LabelledInlineFormSet(BaseInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        for name, field in form.fields.items():
            label = str(field.label or name).rstrip(":?")
            if index is not None:
                label = _("%(falt)s, rad %(rad)s") % {"falt": label, "rad": index + 1}
            # The innermost widget: RelatedFieldWidgetWrapper's own attrs are shared between forms.
            getattr(field.widget, "widget", field.widget).attrs["aria-label"] = label


class LabelledTabularInline(admin.TabularInline):
    formset = LabelledInlineFormSet
