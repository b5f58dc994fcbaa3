"""Staff insights: what citizens ask, what the assistant could not answer, what they rated.

Reads the tracker store's `events` table with plain SQL (SQLite or PostgreSQL, from the
endpoints file) and writes one self-contained HTML page and the same figures as JSON
(`make insights`, docs/insights.md). No Rasa tracker is loaded and nothing of `actions/` is
imported: the report only reads what Rasa stored.
"""
