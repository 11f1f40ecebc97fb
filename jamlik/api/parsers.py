"""Request bodies the API refuses before they can hurt: JSON nested deeper than Python's parser
can follow is a 400 with a reason, not a RecursionError (500)."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class BoundedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise ParseError(_("JSON-dokumentet är för djupt nästlat.")) from exc
