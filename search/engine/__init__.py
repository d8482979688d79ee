"""Answering queries over one index generation: parsing, matching, ranking, facets,
highlights.
"""
