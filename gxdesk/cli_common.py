"""What every command-line command shares: exit codes, messages to stderr, Chinese help, writing."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from gxdesk.domain.report import Report
from gxdesk.domain.textutil import clean_text
from gxdesk.oserrors import describe

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2


def err(message: str) -> None:
    """A message for the user on stderr; text from files cannot smuggle control characters in."""
    print(clean_text(message), file=sys.stderr)


def load_report(path: str | Path) -> Report:
    """A .gxr, with what reading it had to mend said on stderr (a cell that held no number)."""
    from gxdesk.store import load

    report = load(path)
    for repair in report.repairs:
        err(f"提示：“{Path(path).name}”{repair}")
    return report


def add_command(sub: Any, name: str, help_text: str) -> Any:
    """A subcommand whose -h says 显示帮助 (argparse's own help text is English)."""
    parser = sub.add_parser(name, help=help_text, add_help=False)
    parser.add_argument("-h", "--help", action="help", help="显示帮助")
    return parser


def write_out(target: str | Path, write: Callable[[Path], object]) -> bool:
    """Write one output file; a disk problem is said in Chinese and the command goes on to fail."""
    try:
        write(Path(target))
    except OSError as exc:
        err(f"无法写入“{target}”：{describe(exc)}")
        return False
    return True
