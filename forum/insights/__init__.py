"""Staff insights (``/staff/insights``) and the public record (``/record``).

A feature at the top layer: it reads the complaints', the resolution loop's and search's
records (the timeline, review revisions, feedback, avoided complaints) and nothing imports
it. The figures are SQL aggregates in ``queries.py``; ``report.py`` turns them into the
tables the pages show and the CSV downloads (docs/insights.md has the formulas).
"""
