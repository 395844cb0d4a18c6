"""Django's SQLite backend, with one question answered without touching the database file.

Whether SQLite has its JSON functions is a property of the library, the same for every
file. Django asks it of the database, in a transaction; with `transaction_mode` IMMEDIATE
that BEGIN waits for the write lock, so a second `dateline ingest` started during another
process's long write failed its system checks (`fields.E180`, "does not support
JSONFields") or waited the whole busy timeout. Asked of a private in-memory database, the
answer is the same and never waits.
"""

from django.db.backends.sqlite3 import base, features
from django.utils.functional import cached_property


class DatabaseFeatures(features.DatabaseFeatures):
    @cached_property
    def supports_json_field(self) -> bool:
        probe = base.Database.connect(":memory:")
        try:
            probe.execute('SELECT JSON(\'{"a": "b"}\')')
        except base.Database.OperationalError:
            return False
        finally:
            probe.close()
        return True


class DatabaseWrapper(base.DatabaseWrapper):
    features_class = DatabaseFeatures
