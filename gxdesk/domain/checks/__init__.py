"""Evaluators of every rule kind; importing this package registers them."""

from gxdesk.domain.checks import arithmetic, crossyear, quality, text  # noqa: F401
