"""The index on disk: the only package that imports Whoosh (schema, codec, manifest,
n-gram files, stored records).
"""
