"""Entry point of the frozen program: the GUI without arguments, the command line with them."""

import sys

from gxdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
