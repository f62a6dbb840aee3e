"""Coverage-guided fuzzing (atheris) of the result-cache entry decoder.

    python fuzz/fuzz_cache.py [libFuzzer options] [corpus dirs]

Cache entries may come from a committed or shared directory, so their bytes
are untrusted (docs/security.md): any input must end as a miss or as
well-formed diagnostics, never as an exception.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

with atheris.instrument_imports(include=["copylint", "fuzz"]):
    import copylint.cache  # noqa: F401
    from fuzz.targets import cache_target


def main() -> None:
    """Run libFuzzer on :func:`fuzz.targets.cache_target`."""
    atheris.Setup(sys.argv, cache_target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
