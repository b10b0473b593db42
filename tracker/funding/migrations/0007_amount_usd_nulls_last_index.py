"""PostgreSQL: an index for rounds sorted by USD amount, biggest first, undisclosed last.

Tables sort "amount DESC NULLS LAST" so undisclosed rounds come last; PostgreSQL's
default DESC puts NULLs first, so funding_round_amount_usd cannot serve that
order there. SQLite already sorts NULLs last in DESC and needs nothing.
"""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS funding_round_amount_usd_nulls_last "
    "ON funding_fundinground (amount_usd DESC NULLS LAST, id DESC)"
)
DROP = "DROP INDEX IF EXISTS funding_round_amount_usd_nulls_last"


def _on_postgresql(statement: str):
    def run(apps, schema_editor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("funding", "0006_translatable_labels")]

    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
