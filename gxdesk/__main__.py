"""Allow ``python -m gxdesk``."""

import sys

from gxdesk.cli import main

sys.exit(main())
