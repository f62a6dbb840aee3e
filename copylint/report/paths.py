"""Paths as CI reporters print them: relative to the working directory when possible.

GitHub annotations and SARIF locations are resolved against the repository
checkout, which is the working directory in a CI job, so a path the user typed
as ``./docs/a.md`` or ``/home/runner/work/site/site/docs/a.md`` must come out as
``docs/a.md``.  Paths outside that directory stay absolute: a relative
``../elsewhere`` would silently point at the wrong file.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePath


def relative_path(path: str, base: str | os.PathLike[str]) -> PurePath:
    """``path`` relative to ``base`` when it lies inside it, else absolute; normalised.

    Symlinks are not resolved: the user's own spelling of the tree is what
    the CI host knows.
    """
    base_abs = Path(os.path.abspath(base))
    full = Path(os.path.abspath(os.path.join(base_abs, path)))
    try:
        return full.relative_to(base_abs)
    except ValueError:
        return full
