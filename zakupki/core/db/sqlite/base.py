"""SQLite backend for the embedded demo: adds the Russian collation and WAL for the web + worker pair."""

from typing import Any

from django.db.backends.sqlite3 import base

from zakupki.core.collation import SQLITE_COLLATION, sqlite_collate


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        conn = super().get_new_connection(conn_params)
        conn.create_collation(SQLITE_COLLATION, sqlite_collate)
        if self.settings_dict["NAME"] not in (":memory:", "") and "mode=memory" not in str(
            self.settings_dict["NAME"]
        ):
            conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA busy_timeout=20000")
        return conn
