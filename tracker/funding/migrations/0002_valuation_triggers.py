"""Rules that span rows, enforced by triggers on SQLite and PostgreSQL.

- funding_valuation_post_not_below_pre: a round's post-money (same currency) is
  never below its pre-money, whichever of the two is written last.
- funding_valuation_company_matches_round: a valuation linked to a round
  belongs to that round's company; moving a round moves its valuations.
"""

from django.db import migrations

SQLITE_FORWARD = [
    *[
        f"""
        CREATE TRIGGER funding_valuation_post_not_below_pre_{event.lower()}
        BEFORE {event} ON funding_valuation
        WHEN NEW.round_id IS NOT NULL AND NEW.kind IN ('pre_money', 'post_money')
        BEGIN
            SELECT RAISE(ABORT, 'CHECK constraint failed: funding_valuation_post_not_below_pre')
            WHERE EXISTS (
                SELECT 1 FROM funding_valuation other
                WHERE other.round_id = NEW.round_id AND other.id IS NOT NEW.id AND other.currency = NEW.currency
                  AND ((NEW.kind = 'post_money' AND other.kind = 'pre_money'
                        AND CAST(NEW.amount AS REAL) < CAST(other.amount AS REAL))
                    OR (NEW.kind = 'pre_money' AND other.kind = 'post_money'
                        AND CAST(other.amount AS REAL) < CAST(NEW.amount AS REAL)))
            );
        END;
        """
        for event in ("INSERT", "UPDATE")
    ],
    *[
        f"""
        CREATE TRIGGER funding_valuation_company_matches_round_{event.lower()}
        BEFORE {event} ON funding_valuation
        WHEN NEW.round_id IS NOT NULL
             AND NEW.company_id IS NOT (SELECT company_id FROM funding_fundinground WHERE id = NEW.round_id)
        BEGIN
            SELECT RAISE(ABORT, 'CHECK constraint failed: funding_valuation_company_matches_round');
        END;
        """
        for event in ("INSERT", "UPDATE")
    ],
    """
    CREATE TRIGGER funding_fundinground_moves_valuations
    AFTER UPDATE OF company_id ON funding_fundinground
    BEGIN
        UPDATE funding_valuation SET company_id = NEW.company_id WHERE round_id = NEW.id;
    END;
    """,
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS funding_valuation_post_not_below_pre_insert;",
    "DROP TRIGGER IF EXISTS funding_valuation_post_not_below_pre_update;",
    "DROP TRIGGER IF EXISTS funding_valuation_company_matches_round_insert;",
    "DROP TRIGGER IF EXISTS funding_valuation_company_matches_round_update;",
    "DROP TRIGGER IF EXISTS funding_fundinground_moves_valuations;",
]

POSTGRES_FORWARD = [
    """
    CREATE FUNCTION funding_valuation_check() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.round_id IS NULL THEN
            RETURN NEW;
        END IF;
        IF NEW.company_id IS DISTINCT FROM (SELECT company_id FROM funding_fundinground WHERE id = NEW.round_id) THEN
            RAISE EXCEPTION 'new row violates check constraint "funding_valuation_company_matches_round"'
                USING ERRCODE = 'check_violation', CONSTRAINT = 'funding_valuation_company_matches_round';
        END IF;
        IF NEW.kind IN ('pre_money', 'post_money') AND EXISTS (
            SELECT 1 FROM funding_valuation other
            WHERE other.round_id = NEW.round_id AND other.id IS DISTINCT FROM NEW.id AND other.currency = NEW.currency
              AND ((NEW.kind = 'post_money' AND other.kind = 'pre_money' AND NEW.amount < other.amount)
                OR (NEW.kind = 'pre_money' AND other.kind = 'post_money' AND other.amount < NEW.amount))
        ) THEN
            RAISE EXCEPTION 'new row violates check constraint "funding_valuation_post_not_below_pre"'
                USING ERRCODE = 'check_violation', CONSTRAINT = 'funding_valuation_post_not_below_pre';
        END IF;
        RETURN NEW;
    END
    $$;
    """,
    """
    CREATE TRIGGER funding_valuation_check BEFORE INSERT OR UPDATE ON funding_valuation
    FOR EACH ROW EXECUTE FUNCTION funding_valuation_check();
    """,
    """
    CREATE FUNCTION funding_fundinground_moves_valuations() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE funding_valuation SET company_id = NEW.company_id WHERE round_id = NEW.id;
        RETURN NEW;
    END
    $$;
    """,
    """
    CREATE TRIGGER funding_fundinground_moves_valuations AFTER UPDATE OF company_id ON funding_fundinground
    FOR EACH ROW WHEN (OLD.company_id IS DISTINCT FROM NEW.company_id)
    EXECUTE FUNCTION funding_fundinground_moves_valuations();
    """,
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS funding_fundinground_moves_valuations ON funding_fundinground;",
    "DROP FUNCTION IF EXISTS funding_fundinground_moves_valuations();",
    "DROP TRIGGER IF EXISTS funding_valuation_check ON funding_valuation;",
    "DROP FUNCTION IF EXISTS funding_valuation_check();",
]

STATEMENTS = {
    "sqlite": (SQLITE_FORWARD, SQLITE_BACKWARD),
    "postgresql": (POSTGRES_FORWARD, POSTGRES_BACKWARD),
}


def _run(direction: int):
    def run(apps, schema_editor) -> None:
        vendor = schema_editor.connection.vendor
        if vendor not in STATEMENTS:
            raise RuntimeError(f"No cross-row triggers written for the {vendor} database; only SQLite and PostgreSQL.")
        for statement in STATEMENTS[vendor][direction]:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("funding", "0001_initial")]

    operations = [migrations.RunPython(_run(0), _run(1))]
