#!/usr/bin/env python3
"""Measure the names rules (CL1xx) on real copy: the BBC entertainment articles.

Seeded and reproducible.  For every entertainment article of
``corpus/bbc``:

1. find the people it names (runs of two or three capitalised words that the
   article treats as a person: the surname recurs alone, or a person cue such
   as "actor", "singer", "Mr" or "said" stands beside the name);
2. build knowledge: one work per article, titled with the article's headline
   (so the work is mentioned and active), crediting about 70% of those people;
   the rest are "outside" people, real but unknown to the knowledge;
3. inject one misspelling of a credited person per article, of one of the
   kinds the names rules must catch (a letter dropped, doubled, swapped or
   changed for one that sounds alike; a given-name variant; both parts wrong;
   a case-only slip; a titled or role-prefixed surname; qu/kw);
4. run the real command line over the clean and the injected copies and score:

   * recall: injected misspellings with a CL1xx finding on them;
   * fix accuracy: of those, the share whose fix restores the original;
   * wrong corrections: findings on an outside person's name (both copies);
   * clean-copy alarms: every CL1xx finding on the untouched copies, per 100
     (findings on the corpus's own verified typos, ``CORPUS_TYPOS``, are
     reported apart, and the raw count with them).

Usage::

    python scripts/evaluate_names.py [--shared ../shared] [--seed 14] [--show 10] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_CAP = r"[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:-[A-Z][a-z]+)?"
_RUN_RE = re.compile(rf"(?<![\w’'])({_CAP})(?: ({_CAP}))?(?: ({_CAP}))(?![\w’'-])")
# Words beside a name that say it is a person (the evaluation's own heuristic).
_CUES = frozenset(
    [
        "actor",
        "actress",
        "singer",
        "star",
        "director",
        "producer",
        "presenter",
        "comedian",
        "writer",
        "author",
        "rapper",
        "musician",
        "singer-songwriter",
        "drummer",
        "guitarist",
        "host",
        "chef",
        "model",
        "dancer",
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "dame",
        "lord",
        "lady",
        "said",
        "says",
        "told",
        "added",
        "nominee",
        "winner",
        "frontman",
        "boss",
        "chief",
        "executive",
        "spokesman",
        "spokeswoman",
    ]
)
_TITLES = ("Mr", "Mrs", "Ms", "Dr", "Sir", "Dame", "Lord", "Lady")
_ROLES = ("Director", "Actor", "Star", "Singer", "Producer", "Presenter")
# Sounds that a misspelling may swap, both ways.
_SOUNDS = [
    ("ph", "f"),
    ("c", "k"),
    ("s", "z"),
    ("y", "i"),
    ("ee", "ea"),
    ("ie", "y"),
    ("er", "ar"),
    ("qu", "kw"),
]


#: Misspellings that are in the BBC text itself, each checked by reading the
#: article: the clean copy is not clean there, and a finding is right.  They
#: are reported apart from the alarms (and with them, for the raw figure).
CORPUS_TYPOS = frozenset(
    {
        # "Recently, Hoffmann has returned to film" in an article about Dustin Hoffman,
        # written "Hoffman" everywhere else in it
        ("0157-entertainment-hoffman-hits-out-over-modern-film.txt", "Hoffmann"),
        # "Pascuale has been flooded with offers" about Joe Pasquale, "Pasquale" elsewhere
        ("0180-entertainment-jungle-tv-show-ratings-drop-by-4m.txt", "Pascuale"),
    }
)


@dataclass
class Person:
    """A person an article names: the full name as written and where it occurs."""

    name: str
    parts: tuple[str, ...]
    known: bool = False


@dataclass
class Article:
    """One article: its text, headline, people, and the misspelling injected."""

    path: Path
    text: str
    headline: str
    people: list[Person] = field(default_factory=list)
    injected: tuple[int, int, str, str, str] | None = None  # start, end, wrong, right, kind
    dirty: str = ""
    expected: str = ""  # the dirty copy with the misspelling put right


class WordCase:
    """How often each word is written capitalised and in lower case across a corpus.

    A word written in lower case as often as capitalised ("Awards", "Palace",
    "Broadcaster") is an ordinary word, not part of a person's name.
    """

    def __init__(self, texts: list[str]) -> None:
        self.lower: dict[str, int] = {}
        self.upper: dict[str, int] = {}
        for text in texts:
            for m in re.finditer(r"(?<=[a-z,;] )([A-Za-z]+)", text):  # not sentence-initial
                word = m.group(1)
                table = self.upper if word[0].isupper() else self.lower
                table[word.casefold()] = table.get(word.casefold(), 0) + 1

    def name_word(self, word: str) -> bool:
        """True when ``word`` is mostly written capitalised (a name, not a word)."""
        key = word.casefold()
        return self.upper.get(key, 0) > 2 * self.lower.get(key, 0)


def find_people(text: str, case: WordCase) -> list[Person]:
    """The people an article names (a heuristic, see the module docstring)."""
    found: dict[str, Person] = {}
    body = text.split("\n", 1)[1] if "\n" in text else text
    for m in _RUN_RE.finditer(body):
        parts = tuple(p for p in m.groups() if p)
        if any(p in _TITLES or p in _ROLES for p in parts):
            continue
        if not all(case.name_word(p) for p in parts):
            continue  # "Sony Pictures", "Broadcaster Chris Evans": not (only) a name
        before = body[max(0, m.start() - 30) : m.start()].lower().split()[-2:]
        after = body[m.end() : m.end() + 20].lower().split()[:1]
        surname = parts[-1]
        alone = len(re.findall(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", body))
        cue = any(w.strip(",.\"'") in _CUES for w in before + after)
        if alone > body.count(" ".join(parts)) or cue:
            found.setdefault(" ".join(parts), Person(" ".join(parts), parts))
    return list(found.values())


def misspell(rng: random.Random, word: str) -> str | None:
    """A realistic misspelling of one name word, or None."""
    low = word
    options = []
    for a, b in _SOUNDS:
        for x, y in ((a, b), (b, a)):
            i = low.find(x, 1)
            if i > 0:
                options.append(low[:i] + y + low[i + len(x) :])
    options.extend(
        low[:i] + low[i + 1 :] for i in range(1, len(low) - 1) if low[i] == low[i + 1]
    )  # doubled letter dropped
    options.extend(
        low[: i + 1] + low[i] + low[i + 1 :]
        for i in range(2, len(low))
        if low[i] in "lnrst" and low[i - 1] != low[i]
    )  # letter doubled
    vowels = "aeiou"
    for i in range(1, len(low)):
        if low[i] in vowels:
            options.extend(low[:i] + v + low[i + 1 :] for v in vowels if v != low[i])
    options = [o for o in options if o != word and o[0].isupper() and len(o) >= 3]
    return rng.choice(sorted(set(options))) if options else None


def given_variant(word: str) -> str | None:
    """A given-name variant: an 'h' after a leading T, or C/K swapped ("Thom", "Kris")."""
    if word.startswith("T") and not word.startswith("Th"):
        return "Th" + word[1:]
    if word.startswith("C") and word[1:2] in "hr":
        return "K" + word[1:]
    if word.startswith("K"):
        return "C" + word[1:]
    return None


def inject(rng: random.Random, art: Article) -> None:
    """Misspell one mention of one credited person (chosen with ``rng``)."""
    known = [p for p in art.people if p.known and len(p.parts[-1]) >= 4]
    rng.shuffle(known)
    kinds = ["surname", "surname", "given", "both", "lone", "titled", "role", "case"]
    for person in known:
        kind = rng.choice(kinds)
        full = person.name
        first, last = person.parts[0], person.parts[-1]
        body_at = art.text.find("\n") + 1
        at = art.text.find(full, body_at)
        if at < 0:
            continue
        wrong: str | None
        if kind == "case":
            inner = [i for i in range(1, len(last)) if last[i].isupper()]
            if not inner:
                kind = "surname"
            else:
                i = inner[0]
                wrong = full[: -len(last)] + last[:i] + last[i].lower() + last[i + 1 :]
        if kind in ("surname", "lone", "titled", "role"):
            bad = misspell(rng, last)
            if bad is None:
                continue
            if kind == "surname":
                wrong = full[: -len(last)] + bad
            else:
                lone = [
                    m.start()
                    for m in re.finditer(rf"(?<![\w-]){re.escape(last)}(?![\w-])", art.text)
                    if m.start() > at + len(full)
                ]
                if kind == "lone" and lone:
                    at, full, wrong = lone[0], last, bad
                elif kind == "titled":
                    if not lone or art.text[lone[0] - 3 : lone[0]] != "Mr ":
                        kind, wrong = "surname", full[: -len(last)] + bad
                    else:
                        at, full, wrong = lone[0], last, bad
                else:  # a role word before a name that starts a sentence: "Star Tom Cruz"
                    wrong = full[: -len(last)] + bad
                    starts = art.text[max(0, at - 2) : at] in (". ", "\n") or at == 0
                    kind = "role" if starts else "surname"
        elif kind == "given":
            variant = given_variant(first) or misspell(rng, first)
            if variant is None or len(first) < 4:
                continue
            wrong = variant + full[len(first) :]
        elif kind == "both":
            bad_first, bad_last = misspell(rng, first), misspell(rng, last)
            if bad_first is None or bad_last is None or len(first) < 4:
                continue
            wrong = full.replace(first, bad_first, 1)[: -len(last)] + bad_last
        if kind == "role":
            prefix = "Star "
            art.dirty = art.text[:at] + prefix + wrong + art.text[at + len(full) :]
            art.expected = art.text[:at] + prefix + full + art.text[at + len(full) :]
            art.injected = (at + len(prefix), at + len(prefix) + len(wrong), wrong, full, kind)
            return
        art.dirty = art.text[:at] + wrong + art.text[at + len(full) :]
        art.injected = (at, at + len(wrong), wrong, full, kind)
        return
    art.dirty = art.text


def knowledge_yaml(articles: list[Article]) -> str:
    """One knowledge file: a work per article crediting its known people."""
    lines = ["# Generated by scripts/evaluate_names.py", "works:"]
    for art in articles:
        lines.append(f"  - title: {json.dumps(art.headline)}")
        cast = [p.name for p in art.people if p.known]
        lines.append(f"    cast: {json.dumps(cast)}")
    return "\n".join(lines) + "\n"


def run_copylint(knowledge: Path, paths: list[Path]) -> dict[str, list[dict]]:
    """The CL1xx diagnostics of the real CLI, by file name."""
    exe = shutil.which("copylint", path=str(Path(sys.executable).parent))
    cmd = [exe] if exe else [sys.executable, "-m", "copylint"]
    cmd += ["--isolated", "--no-cache", "--format", "json", "--exit-zero", "--select", "CL1"]
    cmd += ["--knowledge", str(knowledge), *map(str, paths)]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"copylint failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return {Path(r["path"]).name: r["diagnostics"] for r in json.loads(proc.stdout)}


def outside_spans(text: str, art: Article) -> list[tuple[int, int, str]]:
    """Where the outside people's names (full or surname alone) occur in ``text``."""
    spans = []
    known_words = {w for p in art.people if p.known for w in p.parts}
    for p in art.people:
        if p.known:
            continue
        pats = [re.escape(p.name)]
        if p.parts[-1] not in known_words:
            pats.append(rf"(?<![\w-]){re.escape(p.parts[-1])}(?![\w-])")
        for pat in pats:
            spans += [(m.start(), m.end(), p.name) for m in re.finditer(pat, text)]
    return spans


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--known", type=float, default=0.7, help="share of people credited")
    ap.add_argument("--show", type=int, default=0, help="print up to N misses and alarms")
    ap.add_argument("--out", type=Path, help="keep the generated files here")
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    files = sorted((args.shared / "corpus" / "bbc").glob("*-entertainment-*.txt"))
    if not files:
        print(f"no entertainment articles under {args.shared}/corpus/bbc", file=sys.stderr)
        return 2
    corpus = [p.read_text(encoding="utf-8") for p in sorted(files[0].parent.glob("*.txt"))]
    case = WordCase(corpus)
    articles = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        # The headline, without quotation marks, is the work's title (a title
        # with quotes inside it is not one a knowledge file would hold).
        first, _, rest = text.partition("\n")
        headline = re.sub(r"[\"'‘’“”]", "", first).strip()
        text = headline + "\n" + rest
        art = Article(path, text, headline, find_people(text, case))
        for p in art.people:
            p.known = rng.random() < args.known
        inject(rng, art)
        articles.append(art)
    work = Path(args.out or tempfile.mkdtemp(prefix="names-eval-"))
    (work / "clean").mkdir(parents=True, exist_ok=True)
    (work / "dirty").mkdir(parents=True, exist_ok=True)
    kb = work / "knowledge.yaml"
    kb.write_text(knowledge_yaml(articles), encoding="utf-8")
    for art in articles:
        (work / "clean" / art.path.name).write_text(art.text, encoding="utf-8")
        (work / "dirty" / art.path.name).write_text(art.dirty, encoding="utf-8")
    clean = run_copylint(kb, [work / "clean" / a.path.name for a in articles])
    dirty = run_copylint(kb, [work / "dirty" / a.path.name for a in articles])

    injected = caught = right_fix = wrong_outside = alarms = errata = 0
    by_kind: dict[str, list[int]] = {}
    misses, alarm_list, outside_list = [], [], []
    for art in articles:
        name = art.path.name
        for d in clean.get(name, []):
            written = art.text[d["start"] : d["end"]]
            if (name, written) in CORPUS_TYPOS:
                errata += 1  # a real slip in the BBC text: a right finding, counted apart
                alarm_list.append(f"{name}: (corpus typo) {d['message']}")
                continue
            alarms += 1
            alarm_list.append(f"{name}: {d['message']}")
        for copy, diags in ((art.text, clean.get(name, [])), (art.dirty, dirty.get(name, []))):
            for s, e, who in outside_spans(copy, art):
                for d in diags:
                    if d["start"] < e and s < d["end"]:
                        wrong_outside += 1
                        outside_list.append(f"{name}: {who}: {d['message']}")
        if art.injected is None:
            continue
        s, e, wrong, right, kind = art.injected
        injected += 1
        stats = by_kind.setdefault(kind, [0, 0])
        stats[0] += 1
        hits = [d for d in dirty.get(name, []) if d["start"] < e and s < d["end"]]
        if not hits:
            misses.append(f"{name}: [{kind}] {wrong!r} (for {right!r})")
            continue
        caught += 1
        stats[1] += 1
        fixed = False
        for d in hits:
            fix = d.get("fix")  # a suggestion only is no fix
            if fix:
                edits = sorted(fix["edits"], key=lambda x: -x["start"])
                out = art.dirty
                for ed in edits:
                    out = out[: ed["start"]] + ed["text"] + out[ed["end"] :]
                fixed = fixed or out == (art.expected or art.text)
        if fixed:
            right_fix += 1
        else:
            misses.append(f"{name}: [{kind}] wrong fix for {wrong!r}: {hits[0]['message']}")
    people = sum(len(a.people) for a in articles)
    n = len(articles)
    print(f"articles: {n}, people found: {people}, injected misspellings: {injected}")
    print(f"recall: {caught / max(injected, 1):.3f} ({caught}/{injected})")
    print(f"fix accuracy: {right_fix / max(caught, 1):.3f} ({right_fix}/{caught})")
    print(f"wrong corrections of outside people: {wrong_outside}")
    print(f"clean-copy alarms: {alarms} ({100 * alarms / n:.2f} per 100 articles)")
    raw = alarms + errata
    print(
        f"  findings on verified typos of the corpus: {errata} "
        f"(counting them as alarms: {raw}, {100 * raw / n:.2f} per 100)"
    )
    print("recall by kind: " + ", ".join(f"{k} {v[1]}/{v[0]}" for k, v in sorted(by_kind.items())))
    for title, items in (("misses", misses), ("alarms", alarm_list), ("outside", outside_list)):
        for line in items[: args.show]:
            print(f"  {title}: {line}")
    if not args.out:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
