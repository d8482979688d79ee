"""Gaoxin Search web front end and JSON API (Flask); depends on `search`, never the reverse."""
