"""SQLite persistence: sessions, turns and scorecards, behind a small store with ordered migrations."""
