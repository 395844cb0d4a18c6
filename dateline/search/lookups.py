"""`field__any_of=ids`: IN for a long list of values, as one parameter on PostgreSQL.

A search asks for a few hundred candidate ids at a time (their visibility, their topics).
As IN, every id is a placeholder of its own: Django prepares each, the driver quotes each
into the statement and the server parses a list of hundreds of constants; the ids as one
array, `= ANY(%s)`, cost one parameter. Other databases get IN.

Plain int ids are taken as they are, where IN prepares each value through the field. Pass
them as a set: Django resolves every item of a list or tuple given to any lookup as a
possible expression, a call per id per lookup, which shows in a search's Python time.
"""

from collections.abc import Iterable

from django.db.models import Field, ForeignObject
from django.db.models.lookups import In


def id_array(ids: Iterable[int]) -> str:
    """Integer ids as one PostgreSQL array literal, to pass as a parameter cast to bigint[].

    A Python list is adapted element by element (psycopg tests each against a pattern for
    quoting); a search passes several lists of hundreds of ids.
    """
    return "{" + ",".join(map(str, map(int, ids))) + "}"


@Field.register_lookup
@ForeignObject.register_lookup  # a foreign key has lookups of its own
class AnyOf(In):
    lookup_name = "any_of"

    def get_prep_lookup(self):
        if isinstance(self.rhs, (set, frozenset, list, tuple)) and all(
            type(value) is int for value in self.rhs
        ):
            return self.rhs
        return super().get_prep_lookup()

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        values = [value for value in self.rhs if value is not None]
        array_type = self.lhs.output_field.rel_db_type(connection)
        if all(type(value) is int for value in values):
            values = id_array(values)
        return f"{lhs} = ANY(%s::{array_type}[])", [*lhs_params, values]
