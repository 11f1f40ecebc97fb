"""`field__bland=ids`: the field's value is one of the integers `ids`.

What `__in` says, for long lists of ids known in Python: an official who acts for a hundred
organisations has every list narrowed by all of them. Django's `__in` prepares each value on its own
(on a foreign key through the related model's field) and writes one placeholder per value, some
forty function calls per id on every query; this passes the list as one array parameter on
PostgreSQL (`= ANY(%s)`, which PostgreSQL plans as it plans IN) and as plain placeholders elsewhere
(SQLite, for `make run`)."""

from django.core.exceptions import EmptyResultSet
from django.db.models import Field, ForeignObject, Lookup


class Bland(Lookup):
    lookup_name = "bland"
    prepare_rhs = False
    can_use_none_as_rhs = False

    def get_prep_lookup(self):
        return sorted({int(value) for value in self.rhs})

    def as_sql(self, compiler, connection):
        if not self.rhs:
            raise EmptyResultSet  # as `__in=[]`: no row (Django drops it from an OR)
        lhs, lhs_params = self.process_lhs(compiler, connection)
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s)", (*lhs_params, self.rhs)
        return f"{lhs} IN ({', '.join(['%s'] * len(self.rhs))})", (*lhs_params, *self.rhs)


Field.register_lookup(Bland)
ForeignObject.register_lookup(Bland)  # a foreign key's lookups are its own, not Field's
