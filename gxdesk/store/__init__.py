"""The project file (.gxr): versioned UTF-8 JSON, atomic saves, migrations (no Qt, no docx)."""

from gxdesk.store.codec import SCHEMA_VERSION, report_from_dict, report_to_dict
from gxdesk.store.projectfile import StoreError, load, save

__all__ = ["SCHEMA_VERSION", "StoreError", "load", "report_from_dict", "report_to_dict", "save"]
