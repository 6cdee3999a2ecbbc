"""Run newsquiz as `python -m newsquiz`."""

from newsquiz.cli import main

main()
