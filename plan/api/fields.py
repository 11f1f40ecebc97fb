"""Serializer fields that take JSON types as the schema states them: a number is not a string, a
string is not a number, an object is not a list (DRF converts all of these silently). Form-encoded
input, where every value is a string, is parsed as before. In the lowest app so every app's API can
use them."""

from django.db import models
from rest_framework import serializers
from rest_framework.utils import html


def _json_input(field) -> bool:
    return not html.is_html_input(getattr(field.root, "initial_data", None))


class StrictCharField(serializers.CharField):
    def to_internal_value(self, data):
        if _json_input(self) and not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictSlugField(serializers.SlugField):
    def to_internal_value(self, data):
        if _json_input(self) and not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictIntegerField(serializers.IntegerField):
    def to_internal_value(self, data):
        if _json_input(self) and (isinstance(data, bool) or not isinstance(data, int)):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictManyRelatedField(serializers.ManyRelatedField):
    def to_internal_value(self, data):
        if not isinstance(data, list):
            self.fail("not_a_list", input_type=type(data).__name__)
        return super().to_internal_value(data)


STRICT_FIELD_MAPPING = {
    **serializers.ModelSerializer.serializer_field_mapping,
    models.CharField: StrictCharField,
    models.TextField: StrictCharField,
    models.SlugField: StrictSlugField,
    models.IntegerField: StrictIntegerField,
    models.PositiveIntegerField: StrictIntegerField,
    models.PositiveSmallIntegerField: StrictIntegerField,
    models.SmallIntegerField: StrictIntegerField,
}
