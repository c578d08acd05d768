"""Run roadmap as `python -m scaffolder`."""

from scaffolder.cli import run

run()
