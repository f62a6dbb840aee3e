"""What one ``copylint knowledge find`` query costs against a large index (issue 16).

Run from the repository root with the project's interpreter, against an index built
by ``bench/kindex.py`` (read only)::

    .venv/bin/python bench/kindex_find.py /work/kindex-data/films-1000000-200000.idx

Each query of each class (full names, one word of a name, titles exact, by their
first words, by their last words (in order, misspelt, reversed, one word alone),
misspelt, nothing near) is asked of a freshly opened index, so
nothing is remembered from an earlier query, and timed in CPU milliseconds (the
figure to read on a shared machine) and wall milliseconds, with the number of
SQL statements and the best candidate.  The queries are drawn from the index
itself (``--seed``): its people's names and its works' titles, each also with one
letter changed.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import time
from pathlib import Path

from copylint.kindex.find import find
from copylint.kindex.index import KnowledgeIndex


def _misspell(word: str, rng: random.Random) -> str:
    """``word`` with one inner letter doubled (one edit)."""
    i = rng.randrange(1, max(2, len(word) - 1))
    return word[:i] + word[i] + word[i:]


def queries(path: Path, rng: random.Random, per_class: int) -> dict[str, list[str]]:
    """Queries of each class, drawn from the index's own names and titles."""
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    (people,) = db.execute("SELECT max(id) FROM people").fetchone()
    (works,) = db.execute("SELECT max(id) FROM works").fetchone()
    names = [
        db.execute("SELECT name FROM people WHERE id = ?", (rng.randint(1, people),)).fetchone()[0]
        for _ in range(per_class)
    ]
    titles = [
        db.execute("SELECT title FROM works WHERE id = ?", (rng.randint(1, works),)).fetchone()[0]
        for _ in range(per_class)
    ]
    db.close()
    return {
        "full name": names,
        "full name, misspelt": [f"{n.split()[0]} {_misspell(n.split()[-1], rng)}" for n in names],
        "one word (surname)": [n.split()[-1] for n in names],
        "one word (first name)": [n.split()[0] for n in names],
        "title": titles,
        "title's first two words": [" ".join(t.split()[:2]) for t in titles],
        "title, one word misspelt": [
            " ".join([_misspell(t.split()[0], rng), *t.split()[1:]]) for t in titles
        ],
        "title's last two words": [" ".join(t.split()[-2:]) for t in titles],
        "title's last word misspelt": [
            " ".join([*t.split()[-2:-1], _misspell(t.split()[-1], rng)]) for t in titles
        ],
        "title's words reversed": [" ".join(t.split()[:-3:-1]) for t in titles],
        "a title's last word alone": [t.split()[-1] for t in titles],
        "nothing near": ["Zzyzx Qwerty", "Xqz", "The Minister", "Vvvvvv Wwwwww"][:per_class],
    }


def main() -> None:
    """Time each class of query and print a line per class."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("index", type=Path)
    parser.add_argument("--per-class", type=int, default=5)
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    print(f"{'class':28} {'cpu ms med':>10} {'max':>7} {'wall max':>9} {'stmts':>6}  example")
    for label, asked in queries(args.index, random.Random(args.seed), args.per_class).items():
        cpu, wall, statements = [], [], []
        example = ""
        for query in asked:
            index = KnowledgeIndex(args.index)
            traced: list[str] = []
            index.db.set_trace_callback(traced.append)
            c0, w0 = time.process_time(), time.perf_counter()
            found = find(index, query)
            cpu.append((time.process_time() - c0) * 1000)
            wall.append((time.perf_counter() - w0) * 1000)
            statements.append(len(traced))
            top = f"{found[0].score:.0f} {found[0].text}" if found else "nothing"
            example = example or f"{query!r} -> {top}"
        print(
            f"{label:28} {statistics.median(cpu):10.1f} {max(cpu):7.1f} {max(wall):9.1f} "
            f"{max(statements):6d}  {example[:70]}"
        )


if __name__ == "__main__":
    main()
