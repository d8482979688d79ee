"""Benchmarks: speed at xwlb scale against peers, and ranking quality on cmrc2018-ir."""
