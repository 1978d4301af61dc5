"""Run the command as `python -m rapor.cli`."""

import sys

from rapor.cli import main

sys.exit(main())
