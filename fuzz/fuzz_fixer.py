"""Coverage-guided fuzzing (atheris) of the fixer: text -> lint -> fix until stable.

    python fuzz/fuzz_fixer.py [libFuzzer options] [corpus dirs]

See docs/robustness.md for the short run in the test suite and the longer
release run.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

with atheris.instrument_imports(include=["copylint", "fuzz"]):
    # Check modules and adapters are imported lazily; importing the adapters and
    # building the linter here imports them inside this block, so they are
    # instrumented for coverage too.
    import copylint.formats.html
    import copylint.formats.markdown  # noqa: F401
    from fuzz.targets import fix_target, linter

    linter()


def main() -> None:
    """Run libFuzzer on :func:`fuzz.targets.fix_target`."""
    atheris.Setup(sys.argv, fix_target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
