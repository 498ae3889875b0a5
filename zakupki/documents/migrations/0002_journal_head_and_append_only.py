from django.db import migrations

APPEND_ONLY_SQL = """
CREATE OR REPLACE FUNCTION documents_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit journal is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER documents_auditevent_no_update_delete
    BEFORE UPDATE OR DELETE ON documents_auditevent
    FOR EACH ROW EXECUTE FUNCTION documents_auditevent_append_only();
"""

DROP_SQL = """
DROP TRIGGER IF EXISTS documents_auditevent_no_update_delete ON documents_auditevent;
DROP FUNCTION IF EXISTS documents_auditevent_append_only();
"""

# TRUNCATE stays possible for the table owner (test flushes); the production role gets no TRUNCATE
# grant, and verify_journal notices a vanished journal through the head row. SQLite (demo only)
# refuses updates; a deleted row shows up as a gap in verify_journal.
SQLITE_SQL = [
    """CREATE TRIGGER documents_auditevent_no_update BEFORE UPDATE ON documents_auditevent
       BEGIN SELECT RAISE(ABORT, 'audit journal is append-only (UPDATE refused)'); END;""",
]


def create_head(apps, schema_editor):
    apps.get_model("documents", "JournalHead").objects.get_or_create(pk=1)


def append_only(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(APPEND_ONLY_SQL, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_SQL:
            schema_editor.execute(statement)


def drop_append_only(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(DROP_SQL)
    elif vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS documents_auditevent_no_update")


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [
        migrations.RunPython(create_head, migrations.RunPython.noop),
        migrations.RunPython(append_only, drop_append_only),
    ]
