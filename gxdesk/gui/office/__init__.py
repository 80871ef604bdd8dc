"""The 汇总与审核 window: a collection of units' reports, audited, ticked in or out, summed."""

from gxdesk.gui.office.window import OfficeWindow

__all__ = ["OfficeWindow"]
