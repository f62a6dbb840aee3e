"""What a large word list of an index costs one short article (issue 16, real scale).

Run from the repository root with the project's interpreter::

    .venv/bin/python bench/kindex_wordlists.py                 # 1,000,000 first names
    .venv/bin/python bench/kindex_wordlists.py --people 200000 # a quicker look

IMDb's real 13M names have about a million distinct first words; the bench's
generated base (``bench/kindex.py``) has a few hundred, so it never reaches the
word lists' large path (:mod:`copylint.kindex.wordlists`).  This writes a small
IMDb-format directory whose ``--people`` people each have their own first name
(common English words among them, see :data:`ENGLISH_FIRSTS`; credited eight to a
film), builds an index from it (kept in ``bench/out/kindex/``, reused while the size
matches), then measures the short
article of ``bench/kindex.py`` (:data:`kindex.SHORT`) with it, as whole processes
(``/usr/bin/time``, medians of ``--runs`` interleaved runs):

- ``asked``: the large list asked word by word (the default above
  :data:`copylint.kindex.wordlists.WHOLE_WORDS` words);
- ``read_whole``: the same lists read whole from their table (``WHOLE_WORDS``
  raised in the process);

and, in this process, what reading the first-names list whole costs (the metadata
value split into a frozenset, as every index was read before format 6), the CPU
microseconds a word costs asked of the large list for the first time (a stored
word: filter and statement; an absent one: mostly the filter), and what the
article's look-ups ask of it (words asked, statements).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

from kindex import OUT, SHORT, load, timed
from run import precompile

#: Runs the copylint CLI with the word lists' threshold raised (every list read whole).
_READ_WHOLE = (
    "import sys; import copylint.kindex.wordlists as w; w.WHOLE_WORDS = 10**12; "
    "from copylint.entry import main; sys.argv[0] = 'copylint'; main()"
)
_ONSETS = [*"bcdfghjklmnprstvwz", "br", "dr", "gr", "kr", "pl", "st", "th", "tr"]
_VOWELS = [*"aeiou", "ae", "ai", "ia", "io", "ou"]
_CODAS = ["", "", "n", "r", "l", "s", "th", "x"]


#: Common English words among the first names: real first names include many ("Will",
#: "Grace", "Rose"), and each such word of an article passes the list's filter and costs
#: a statement. All of the most frequent ones is a pessimistic mix.
ENGLISH_FIRSTS = 20_000


def first_names(count: int, rng: random.Random) -> list[str]:
    """``count`` distinct first names: the generator's real ones, the :data:`ENGLISH_FIRSTS`
    most frequent English words, and synthetic ones of two to four syllables."""
    import wordfreq
    from gen_knowledge import FIRST

    common = wordfreq.top_n_list("en", ENGLISH_FIRSTS)
    out = {*FIRST, *(w.capitalize() for w in common if w.isalpha())}
    while len(out) < count:
        syllables = rng.randrange(2, 5)
        word = "".join(
            rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(syllables)
        )
        out.add(word.capitalize())
    return sorted(out)


def write_imdb(out: Path, people: int, seed: int = 5) -> None:
    """An IMDb-format directory: ``people`` people, each credited once, eight to a film."""
    from gen_knowledge import ADJECTIVES, NOUNS, SURNAMES

    rng = random.Random(seed)
    firsts = first_names(people, rng)
    rng.shuffle(firsts)
    out.mkdir(parents=True, exist_ok=True)
    works = (people + 7) // 8
    with (out / "name.basics.tsv").open("w", encoding="utf-8") as fh:
        fh.write("nconst\tprimaryName\tbirthYear\tdeathYear\tprimaryProfession\tknownForTitles\n")
        for i, first in enumerate(firsts):
            fh.write(f"nm{i + 1:08d}\t{first} {rng.choice(SURNAMES)}\t\\N\t\\N\tactor\t\\N\n")
    with (out / "title.basics.tsv").open("w", encoding="utf-8") as fh:
        fh.write(
            "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\t"
            "runtimeMinutes\tgenres\n"
        )
        for w in range(works):
            title = f"The {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"
            year = 1950 + w % 70
            fh.write(f"tt{w + 1:08d}\tmovie\t{title}\t{title}\t0\t{year}\t\\N\t90\tDrama\n")
    with (out / "title.principals.tsv").open("w", encoding="utf-8") as fh:
        fh.write("tconst\tordering\tnconst\tcategory\tjob\tcharacters\n")
        for i in range(len(firsts)):
            fh.write(f"tt{i // 8 + 1:08d}\t{i % 8 + 1}\tnm{i + 1:08d}\tactor\t\\N\t\\N\n")
    for name, header in (
        ("title.akas.tsv", "titleId\tordering\ttitle\tregion\tlanguage\ttypes\tattributes\t"),
        ("title.crew.tsv", "tconst\tdirectors\twriters"),
        ("title.episode.tsv", "tconst\tparentTconst\tseasonNumber\tepisodeNumber"),
    ):
        if name == "title.akas.tsv":
            header += "isOriginalTitle"
        (out / name).write_text(header + "\n", encoding="utf-8")


def in_process(index: Path) -> dict[str, object]:
    """The whole list's read (as before format 6) and the article's asks of the large list."""
    import sqlite3

    from copylint.formats import build_document
    from copylint.kindex.index import KnowledgeIndex
    from copylint.knowledge import load_knowledge

    db = sqlite3.connect(f"file:{index}?mode=ro", uri=True)
    (value,) = db.execute(
        "SELECT group_concat(word, char(10)) FROM "
        "(SELECT word FROM wordlists WHERE list = 'name_firsts' ORDER BY word)"
    ).fetchone()
    db.close()
    started = time.process_time()  # (the value as the metadata held it, split)
    words = frozenset(value.split("\n"))
    whole_cpu = time.process_time() - started
    # A word asked of the large list: stored (filter, then a statement) or not.
    rng = random.Random(1)
    stored = rng.sample(sorted(words), 2000)
    absent = [w + "q" for w in stored]
    per_word = {}
    for name, asked in (("stored", stored), ("absent", absent)):
        fresh = KnowledgeIndex(index).name_firsts()
        assert fresh is not None
        started = time.process_time()
        hits = sum(w in fresh for w in asked)
        per_word[name] = round((time.process_time() - started) / len(asked) * 1e6, 1)
        assert name == "absent" or hits == len(asked)
    statements = 0
    query = KnowledgeIndex._query

    def counted(self: KnowledgeIndex, sql: str, args: object = ()) -> object:
        nonlocal statements
        statements += "FROM wordlists" in sql
        return query(self, sql, args)  # type: ignore[arg-type]

    KnowledgeIndex._query = counted  # type: ignore[method-assign]
    try:
        kb = load_knowledge([index])
        doc = build_document(SHORT.name, SHORT.read_text(encoding="utf-8"))
        started = time.process_time()
        kb.for_document(doc)  # type: ignore[attr-defined]
        cold = time.process_time() - started
        ix = kb.indexes[0]  # type: ignore[attr-defined]
        asked = {name: len(getattr(ix, name)()._memo) for name in ("name_firsts",)}
    finally:
        KnowledgeIndex._query = query  # type: ignore[method-assign]
    return {
        "name_firsts_words": len(words),
        "read_whole_cpu_ms": round(whole_cpu * 1000, 1),
        "asked_us_per_word": per_word,
        "article_for_document_cpu_ms": round(cold * 1000, 2),
        "article_words_asked": asked,
        "article_wordlist_statements": statements,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    data = OUT / f"wordlists-{args.people}"
    index = OUT / f"wordlists-{args.people}.idx"
    if not index.exists():
        if not (data / "title.principals.tsv").exists():
            write_imdb(data, args.people)
        build = timed(
            [sys.executable, "-m", "copylint", "knowledge", "build", str(data), "-o", str(index)]
        )
        if build.proc.returncode:
            raise SystemExit(f"build failed: {build.proc.stderr}")
        print(f"built {index} in {build.wall:.0f} s, peak {build.peak:.0f} MB")
    precompile()  # (as an installed wheel is: see bench/kindex.py)
    cmds = {
        "asked": [sys.executable, "-m", "copylint"],
        "read_whole": [sys.executable, "-c", _READ_WHOLE],
    }
    lint = ["--isolated", "--no-cache", "--format", "json", "-k", str(index), str(SHORT)]
    runs: dict[str, list[tuple[float, float, float]]] = {name: [] for name in cmds}
    for cmd in cmds.values():
        timed([*cmd, *lint])  # warm the page cache
    outputs: dict[str, str] = {}
    for _ in range(args.runs):
        for name, cmd in cmds.items():
            run = timed([*cmd, *lint])
            if run.proc.returncode not in (0, 1):
                raise SystemExit(f"{name} failed: {run.proc.stderr[-2000:]}")
            outputs[name] = run.proc.stdout
            runs[name].append((run.wall, run.cpu, run.peak))
    results: dict[str, object] = {
        "people": args.people,
        "article": SHORT.name,
        "load": load(),
        "same_findings": outputs["asked"] == outputs["read_whole"],
    }
    for name, got in runs.items():
        results[name] = {
            "seconds": round(statistics.median(r[0] for r in got), 3),
            "cpu_seconds": round(statistics.median(r[1] for r in got), 3),
            "peak_mb": round(statistics.median(r[2] for r in got)),
        }
    results["in_process"] = in_process(index)
    print(json.dumps(results, indent=2))
    (OUT / "wordlists.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
