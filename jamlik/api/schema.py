"""The OpenAPI schema generator of the API: documents the error responses every endpoint can give.

drf-spectacular documents only the success response unless told otherwise, so a client (and the
schemathesis fuzz test) would meet undocumented 400/403/404/429 responses. One place adds them,
with their bodies, to every operation that can return them."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class FelSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text=_("Skälet, på svenska."))


VALIDERINGSFEL = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description=_("Ogiltig indata eller otillåten ändring: fält (eller `detail`) med skälen."),
)
BEHORIGHET = OpenApiResponse(FelSerializer, description=_("Saknar behörighet eller ogiltig token."))
SAKNAS = OpenApiResponse(FelSerializer, description=_("Finns inte eller får inte läsas."))
BEGRANSAD = OpenApiResponse(FelSerializer, description=_("För många anrop; försök igen efter `Retry-After` sekunder."))
WRITE_METHODS = {"POST", "PUT", "PATCH"}


class PortalAutoSchema(AutoSchema):
    def map_parsers(self):
        # Request bodies are documented as JSON: a form encoding cannot say everything the schema
        # allows or forbids (a list holding one empty string arrives as no list at all).
        return ["application/json"]

    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        if not operation:
            return operation
        responses = operation["responses"]
        parameters = operation.get("parameters", [])
        for parameter in parameters:
            enum = parameter.get("schema", {}).get("enum")
            if parameter["in"] == "query" and enum and "" not in enum:
                # The FilterSets are shared with the web forms: an empty value means "no filter".
                parameter["schema"]["enum"] = [*enum, ""]
            if parameter["in"] == "query" and parameter["schema"].get("type") == "array":
                # A list of choices (the sort order): each at most once (jamlik.filters.OrderingFilter).
                parameter["schema"]["uniqueItems"] = True
        errors = {"403": BEHORIGHET, "429": BEGRANSAD}
        if self.method in WRITE_METHODS or any(p["in"] == "query" for p in parameters):
            errors["400"] = VALIDERINGSFEL
        if any(p["in"] == "path" for p in parameters):
            errors["404"] = SAKNAS
        for code, response in errors.items():
            if "content" in responses.get(code, {}):
                continue
            if code in responses:  # documented without a body (extend_schema): keep its description
                response = OpenApiResponse(response.response, description=responses[code]["description"])
            responses[code] = self._get_response_for_code(response, code)
        operation["responses"] = dict(sorted(responses.items()))
        return operation
