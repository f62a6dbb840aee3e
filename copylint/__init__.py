"""copylint: an editorial text-quality linter.

The library face is :mod:`copylint.api` (``lint_text``, ``lint_paths``); the
command line is :mod:`copylint.cli`.
"""

__version__ = "0.1.0"
