"""Run the command as `python -m rapor.cli`."""

from rapor.cli import run

run()
