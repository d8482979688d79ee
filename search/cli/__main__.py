"""`python -m search.cli`: the `gaoxin` command line."""

from search.cli import main

main()
