"""Building the index: the documents of an article, what a build changes, serial and
parallel builds.
"""
