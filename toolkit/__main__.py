"""`python -m toolkit` is the `claims` command."""

import sys

from toolkit.cli.main import main

sys.exit(main())
