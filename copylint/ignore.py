""".gitignore-style ignore files for directory walks.

While :func:`copylint.api.iter_files` walks a directory it reads the ignore
files (:data:`IGNORE_FILES`) of every directory it enters, the walked root
included, and skips what they ignore.  The rules are git's, as implemented by
``pathspec``'s ``GitIgnoreSpec``: a pattern is relative to the directory of
its file, ``dir/`` matches directories only, ``!pattern`` re-includes, and a
deeper file overrides a shallower one.  Ignore files above the walked root are
not read (a walk of ``content/`` is about ``content/``), and files named on
the command line are always linted, as git lints what it is told to.

An unreadable or undecodable ignore file is skipped, and so is a pattern git
itself would reject (``!`` alone, a trailing backslash, ``[z-a]``): a broken
ignore file can make copylint lint more than intended, never crash the run.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .datafile import read_data_file
from .errors import DataFileError

if TYPE_CHECKING:
    import pathspec

#: Ignore files read in each walked directory, in this order (later ones win).
IGNORE_FILES = (".gitignore", ".copylintignore")


@dataclass
class IgnoreRules:
    """The ignore files met so far in one walk, keyed by directory (relative to the root)."""

    root: str
    _specs: dict[str, pathspec.GitIgnoreSpec] = field(default_factory=dict)

    def enter(self, directory: str) -> None:
        """Read the ignore files of ``directory`` (an absolute or root-joined path)."""
        lines: list[str] = []
        for name in IGNORE_FILES:
            try:
                # A FIFO or device named .gitignore must not block or flood the walk.
                raw = read_data_file(os.path.join(directory, name), limit_mb=16)
                lines.extend(raw.decode("utf-8-sig").splitlines())
            except (DataFileError, UnicodeDecodeError):
                continue
        if not lines:
            return
        # Imported only here: most walked trees have no ignore file, and pathspec
        # takes longer to import than linting a short article (issue 7).
        import pathspec

        lines = [ln for ln in lines if _valid_pattern(ln)]
        if lines:
            rel = os.path.relpath(directory, self.root)
            self._specs["" if rel == "." else rel] = pathspec.GitIgnoreSpec.from_lines(lines)

    def ignored(self, path: str, is_dir: bool = False) -> bool:
        """True when the deepest ignore file with an opinion on ``path`` ignores it."""
        if not self._specs:
            return False
        rel = os.path.relpath(path, self.root).replace(os.sep, "/")
        base = os.path.dirname(rel)
        while True:
            spec = self._specs.get(base)
            if spec is not None:
                local = rel[len(base) + 1 :] if base else rel
                result = spec.check_file(local + "/" if is_dir else local)
                if result.include is not None:
                    return bool(result.include)
            if not base:
                return False
            base = os.path.dirname(base)


def _valid_pattern(line: str) -> bool:
    """False for a line git would ignore as invalid ("!", a trailing backslash, "[z-a]")."""
    import pathspec

    try:
        pathspec.GitIgnoreSpec.from_lines([line]).check_file("probe")
    except Exception:  # noqa: BLE001 - pathspec raises several types; git skips such lines
        return False
    return True
