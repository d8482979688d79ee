"""Corpus files to clean articles: decode, repair lines, build blocks, split articles and
assemble the corpus.
"""
