"""``flask db upgrade`` builds exactly the schema the models describe."""

import warnings

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from forum import create_app
from forum.accounts.models import User
from forum.complaints import services
from forum.complaints.models import Category, Complaint
from forum.extensions import db
from tests.conftest import _PASSWORD_HASH


def test_migrations_build_the_models_schema(tmp_path, _schema):
    url = "sqlite:///" + str(tmp_path / "migrated.sqlite3")
    if _schema.startswith("postgresql"):
        url = _schema
    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    app.instance_path = str(tmp_path)
    runner = app.test_cli_runner()
    with app.app_context():
        if url.startswith("postgresql"):
            db.drop_all()
            with db.engine.begin() as connection:
                connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
        result = runner.invoke(args=["db", "upgrade"])
        assert result.exit_code == 0, result.output
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            with warnings.catch_warnings():
                # Expression indexes (lower(username)) cannot be reflected; checked below.
                warnings.filterwarnings("ignore", message=".*expression-based index.*")
                changes = compare_metadata(context, db.metadata)
            diff = [
                change
                for change in changes
                if not (
                    change[0] in ("add_index", "remove_index") and change[1].name.endswith("_lower")
                )
                # PostgreSQL's full-text columns are maintained by the database, not the models.
                and "search_vector" not in repr(change)
            ]
            index_names = {
                row[1] if url.startswith("sqlite") else row[0]
                for row in connection.exec_driver_sql(
                    "SELECT type, name FROM sqlite_master WHERE type='index'"
                    if url.startswith("sqlite")
                    else "SELECT indexname FROM pg_indexes"
                )
            }
        assert diff == []
        assert {"uq_user_username_lower", "uq_user_email_lower"} <= index_names
        if url.startswith("postgresql"):
            # Leave the shared test database as the other tests expect it.
            with db.engine.begin() as connection:
                connection.exec_driver_sql("DROP TABLE alembic_version")
            db.drop_all()
            db.create_all()
        db.engine.dispose()


def test_app_workers_never_load_the_migration_tools(tmp_path):
    """Alembic, Mako and Flask-Migrate cost every worker ~10 MB; only `flask db` needs them."""
    import subprocess
    import sys

    script = (
        "import sys; from forum import create_app; "
        f"app = create_app({{'SQLALCHEMY_DATABASE_URI': 'sqlite:///{tmp_path}/w.sqlite3'}}); "
        "assert app.test_client().get('/healthz').status_code in (200, 503); "
        "print(sorted(m for m in ('alembic', 'mako', 'flask_migrate') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd="."
    )
    assert done.stdout.strip() == "[]", done.stderr


def test_the_category_migration_goes_down_and_up_with_rows_in_place(tmp_path):
    """SQLite rebuilds ``category`` to alter it while complaints point at it: the rows stay,
    and descriptions written before are rendered on the way up."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/both-ways.sqlite3"})
    app.instance_path = str(tmp_path)
    runner = app.test_cli_runner()
    with app.app_context():
        assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
        author = User(username="ann", email="ann@example.org", password_hash=_PASSWORD_HASH)
        category = Category(name="Kettles", slug="kettles", description="Kettles *and* jugs")
        db.session.add_all([author, category])
        db.session.commit()
        services.create_complaint(
            author,
            title="The kettle switched itself off",
            body="It switches off before the water boils, every single time.",
            category_id=category.id,
            desired_outcome="refund",
        )
        db.session.remove()
        down = runner.invoke(args=["db", "downgrade", "f1a6d3c8b2e4"])
        assert down.exit_code == 0, down.output
        up = runner.invoke(args=["db", "upgrade"])
        assert up.exit_code == 0, up.output
        with db.engine.connect() as connection:
            assert connection.scalar(sa.select(sa.func.count()).select_from(Complaint)) == 1
            html = connection.scalar(sa.select(Category.description_html))
            assert html == "<p>Kettles <em>and</em> jugs</p>"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []


def test_the_e_mail_choice_migration_carries_the_old_setting_both_ways(tmp_path, _schema):
    """``email_notifications`` on/off becomes ``email_choice`` each/off, and back."""
    url = "sqlite:///" + str(tmp_path / "choices.sqlite3")
    if _schema.startswith("postgresql"):
        url = _schema
    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    app.instance_path = str(tmp_path)
    runner = app.test_cli_runner()

    def upgrade(to="head"):
        result = runner.invoke(args=["db", "upgrade", to])
        assert result.exit_code == 0, result.output

    def column(name):
        with db.engine.connect() as connection:
            rows = connection.exec_driver_sql(f'SELECT username, {name} FROM "user"').all()
        return {username: value for username, value in rows}

    with app.app_context():
        if url.startswith("postgresql"):
            db.drop_all()
            with db.engine.begin() as connection:
                connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
        upgrade("e5b8c2d4a7f1")
        with db.engine.begin() as connection:
            for number, (name, on) in enumerate(
                [("wants", True), ("refuses", False), ("digester", True)]
            ):
                values = [
                    f"'{name}'",
                    f"'{name}@example.org'",
                    "'x'",
                    "'member'",
                    f"'token-{number}'",
                    "'2026-01-01 00:00:00+00:00'",
                    "TRUE" if on else "FALSE",
                ]
                connection.exec_driver_sql(
                    'INSERT INTO "user" (username, email, password_hash, role, session_token,'
                    f" created_at, email_notifications) VALUES ({', '.join(values)})"
                )
        upgrade()
        assert column("email_choice") == {"wants": "each", "refuses": "off", "digester": "each"}
        with db.engine.begin() as connection:
            connection.exec_driver_sql(
                "UPDATE \"user\" SET email_choice = 'digest' WHERE username = 'digester'"
            )
        result = runner.invoke(args=["db", "downgrade", "e5b8c2d4a7f1"])
        assert result.exit_code == 0, result.output
        assert {k: bool(v) for k, v in column("email_notifications").items()} == {
            "wants": True,
            "refuses": False,
            "digester": True,
        }
        upgrade()
        assert column("email_choice") == {"wants": "each", "refuses": "off", "digester": "each"}
        if url.startswith("postgresql"):
            with db.engine.begin() as connection:
                connection.exec_driver_sql("DROP TABLE alembic_version")
            db.drop_all()
            db.create_all()
        db.engine.dispose()
