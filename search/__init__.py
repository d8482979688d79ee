"""Gaoxin Search engine: ingest, entity tagging, analysis, indexing and querying (no web code)."""

__version__ = "0.1.0"
