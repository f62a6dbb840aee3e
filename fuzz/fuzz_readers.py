"""Coverage-guided fuzzing (atheris) of the readers: bytes -> text -> Document.

    python fuzz/fuzz_readers.py [libFuzzer options] [corpus dirs]

See docs/robustness.md for the short run in the test suite and the longer
release run.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

with atheris.instrument_imports(include=["copylint", "fuzz"]):
    # Adapters are imported lazily by build_document; import them here so they
    # are instrumented for coverage too.
    import copylint.formats.html
    import copylint.formats.markdown  # noqa: F401
    from fuzz.targets import read_target


def main() -> None:
    """Run libFuzzer on :func:`fuzz.targets.read_target`."""
    atheris.Setup(sys.argv, read_target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
