"""gxdesk: author the 政府信息公开工作年度报告 right the first time."""

__version__ = "0.1.0"
