"""The ceiling for any Flask page here: one SQLite query through SQLAlchemy, one small template.

``bench/pages.py`` serves it under the same gunicorn settings as Redress and reads the
same database file (``BENCH_DATABASE_URL``), so the ratio of a Redress page to this one
is what Redress's own code costs.

    BENCH_DATABASE_URL=sqlite:////tmp/x/redress.sqlite3 \\
        gunicorn -c deploy/gunicorn.conf.py --pythonpath bench bare_app:app
"""

import os

import sqlalchemy as sa
from flask import Flask, render_template
from flask_sqlalchemy import SQLAlchemy
from jinja2 import DictLoader

TEMPLATE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ title }}</title></head>
<body>
<h1>{{ title }}</h1>
<ul>
{% for row in rows %}
  <li><a href="/complaints/{{ row.id }}">{{ row.title }}</a> · {{ row.answer_count }} answers</li>
{% endfor %}
</ul>
</body>
</html>
"""

QUERY = sa.text(
    "SELECT id, title, answer_count FROM complaint WHERE visibility = 'visible' "
    "ORDER BY id DESC LIMIT 20"
)

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get("BENCH_DATABASE_URL", "sqlite://")
app.jinja_loader = DictLoader({"page.html": TEMPLATE})
db = SQLAlchemy(app)


@app.get("/")
def page():
    """The twenty newest complaints: one query, one template."""
    rows = db.session.execute(QUERY).all()
    return render_template("page.html", title="Complaints", rows=rows)


@app.get("/healthz")
def healthz():
    return {"status": "ok"}
