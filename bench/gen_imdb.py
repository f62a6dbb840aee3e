"""Generate a large synthetic IMDb dataset directory for the knowledge-index benchmark.

``python bench/gen_imdb.py OUT_DIR --people 1000000 --works 200000``

Writes ``title.basics``, ``title.akas``, ``title.crew``, ``title.principals``,
``title.episode`` and ``name.basics`` as ``.tsv`` files in IMDb's exact layout
(header line, tabs, ``\\N`` for empty fields, ``characters`` as a JSON array).
Names have realistic shapes (the shapes of :mod:`gen_knowledge`, over a pool of
about 100,000 surnames built from syllables); titles are made of common English
words.  A tenth of the titles are episodes of the series (``tvEpisode`` rows
with their ``title.episode`` row), most titled as IMDb titles episodes nobody
named ("Episode #2.5"), the others named like any title.  Every person is
credited at least once.  Deterministic for a seed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_knowledge import (  # noqa: E402 - the sibling generator's word lists
    ADJECTIVES,
    FIRST,
    NOUNS,
    ROLES,
    SURNAMES,
    titles,
)

ONSETS = [
    "Ab",
    "Al",
    "Am",
    "An",
    "Ar",
    "Ash",
    "Bal",
    "Bar",
    "Bel",
    "Ber",
    "Bl",
    "Br",
    "Cal",
    "Car",
    "Cl",
    "Cor",
    "Cr",
    "Dal",
    "Dar",
    "Del",
    "Dor",
    "Dr",
    "Ed",
    "El",
    "Em",
    "En",
    "Er",
    "Fal",
    "Far",
    "Fen",
    "Fl",
    "Fr",
    "Gal",
    "Gar",
    "Gl",
    "Gr",
    "Hal",
    "Har",
    "Hel",
    "Hol",
    "Ir",
    "Jan",
    "Jor",
    "Kal",
    "Kar",
    "Kel",
    "Kr",
    "Lan",
    "Lar",
    "Lind",
    "Lor",
    "Mal",
    "Mar",
    "Mel",
    "Mor",
    "Nal",
    "Nor",
    "Ol",
    "Or",
    "Os",
    "Pal",
    "Par",
    "Pel",
    "Pr",
    "Quin",
    "Ral",
    "Ren",
    "Ros",
    "Sal",
    "Sar",
    "Sel",
    "Sh",
    "St",
    "Tal",
    "Tar",
    "Tor",
    "Tr",
    "Ul",
    "Val",
    "Var",
    "Ven",
    "Wal",
    "War",
    "Wen",
    "Wh",
    "Yar",
    "Zel",
]
MIDS = [
    "a",
    "e",
    "i",
    "o",
    "u",
    "an",
    "ar",
    "el",
    "en",
    "er",
    "in",
    "is",
    "on",
    "or",
    "ul",
    "ad",
    "em",
    "il",
    "ov",
    "ash",
    "ing",
]
CODAS = [
    "sson",
    "berg",
    "ski",
    "ova",
    "ley",
    "ton",
    "ez",
    "ani",
    "ura",
    "wood",
    "field",
    "stein",
    "mann",
    "ford",
    "well",
    "by",
    "more",
    "dale",
    "hurst",
    "combe",
    "wick",
    "thorpe",
    "ridge",
    "vich",
    "escu",
    "oglu",
    "idis",
    "sen",
    "ardt",
    "ini",
    "elli",
    "ard",
]


def surname_pool(rng: random.Random, size: int) -> list[str]:
    """About ``size`` distinct surnames: real ones first, then built from syllables."""
    pool = dict.fromkeys(SURNAMES)
    made = [o + m.lower() + c for o in ONSETS for m in MIDS for c in CODAS]
    rng.shuffle(made)
    for s in made:
        if len(pool) >= size:
            break
        pool[s[0].upper() + s[1:]] = None
    return list(pool)


def person_names(rng: random.Random, count: int, surnames: list[str]) -> list[str]:
    """``count`` distinct names in the shapes of gen_knowledge.person_names."""
    names: dict[str, None] = {}
    while len(names) < count:
        first, last = rng.choice(FIRST), rng.choice(surnames)
        shape = rng.random()
        if shape < 0.04:
            last = f"{rng.choice(['van der', 'de la', 'von', 'van', 'di', 'da'])} {last}"
        elif shape < 0.07:
            last = f"{rng.choice(['Mc', 'Mac', 'O’', 'Fitz'])}{last}"
        elif shape < 0.12:
            last = f"{last}-{rng.choice(surnames)}"
        elif shape < 0.18:
            first = f"{first} {rng.choice('ABCDEFGHJKLMNPRSTW')}."
        elif shape < 0.20:
            first = f"{first} {rng.choice(FIRST)}"
        names[f"{first} {last}"] = None
    return list(names)


def generate(out: Path, people_count: int, works_count: int, seed: int = 11) -> None:
    """Write the six dataset files into ``out``."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    people = person_names(rng, people_count, surname_pool(rng, 110_000))
    order = list(range(len(people)))
    rng.shuffle(order)
    cursor = 0

    def someone() -> int:
        """People in a shuffled round, so everyone is credited at least once."""
        nonlocal cursor
        if cursor < len(order):
            cursor += 1
            return order[cursor - 1]
        return rng.randrange(len(people))

    with open(out / "name.basics.tsv", "w", encoding="utf-8") as fh:
        fh.write("nconst\tprimaryName\tbirthYear\tdeathYear\tprimaryProfession\tknownForTitles\n")
        for i, name in enumerate(people):
            born = rng.randrange(1920, 2005)
            fh.write(f"nm{i + 1:07d}\t{name}\t{born}\t\\N\tactor\t\\N\n")
    episode_count = works_count // 10
    all_titles = titles(rng, works_count, people)
    episode_names = all_titles[works_count - episode_count :]  # named episodes' titles
    all_titles = all_titles[: works_count - episode_count]
    with contextlib.ExitStack() as files:
        basics, akas, crew, principals, episodes = (
            files.enter_context(open(out / f"{name}.tsv", "w", encoding="utf-8"))
            for name in (
                "title.basics",
                "title.akas",
                "title.crew",
                "title.principals",
                "title.episode",
            )
        )
        basics.write(
            "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\t"
            "runtimeMinutes\tgenres\n"
        )
        akas.write(
            "titleId\tordering\ttitle\tregion\tlanguage\ttypes\tattributes\tisOriginalTitle\n"
        )
        crew.write("tconst\tdirectors\twriters\n")
        principals.write("tconst\tordering\tnconst\tcategory\tjob\tcharacters\n")
        episodes.write("tconst\tparentTconst\tseasonNumber\tepisodeNumber\n")
        series: list[tuple[str, int]] = []  # (tconst, first year)
        for n, title in enumerate(all_titles, 1):
            tconst = f"tt{n:07d}"
            kind = rng.choices(
                ["movie", "tvSeries", "tvMovie", "short", "tvMiniSeries"], [70, 12, 8, 6, 4]
            )[0]
            year = rng.randrange(1950, 2026)
            if kind in ("tvSeries", "tvMiniSeries"):
                series.append((tconst, year))
            end = str(year + rng.randrange(1, 8)) if kind == "tvSeries" else "\\N"
            basics.write(
                f"{tconst}\t{kind}\t{title}\t{title}\t0\t{year}\t{end}\t"
                f"{rng.randrange(20, 180)}\tDrama\n"
            )
            akas.write(f"{tconst}\t1\t{title}\t\\N\t\\N\toriginal\t\\N\t1\n")
            if rng.random() < 0.1:
                alias = f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"
                akas.write(f"{tconst}\t2\t{alias}\tGB\t\\N\timdbDisplay\t\\N\t0\n")
            directors = [someone()]
            writers = [someone() for _ in range(rng.randrange(1, 3))]
            crew.write(
                f"{tconst}\t{','.join(f'nm{d + 1:07d}' for d in directors)}\t"
                f"{','.join(f'nm{w + 1:07d}' for w in writers)}\n"
            )
            ordering = 0
            for _ in range(rng.randrange(4, 10)):
                ordering += 1
                who = someone()
                character = f"{rng.choice(FIRST)} {rng.choice(SURNAMES)}"
                category = rng.choice(["actor", "actress"])
                principals.write(
                    f"{tconst}\t{ordering}\tnm{who + 1:07d}\t{category}\t\\N\t"
                    f"{json.dumps([character], ensure_ascii=False)}\n"
                )
            for role in rng.sample(ROLES, 2):
                ordering += 1
                job = role if role != "composer" else "\\N"
                category = "composer" if role == "composer" else "producer"
                principals.write(
                    f"{tconst}\t{ordering}\tnm{someone() + 1:07d}\t{category}\t{job}\t\\N\n"
                )
        # Episodes: a few series get many, most get none (as on IMDb).
        numbering: dict[str, tuple[int, int]] = {}  # series -> (season, episode) so far
        n = len(all_titles)
        for k, named in enumerate(episode_names):
            n += 1
            tconst = f"tt{n:07d}"
            parent, start = series[int(len(series) * rng.random() ** 3)]
            season, episode = numbering.get(parent, (1, 0))
            season, episode = (
                (season + 1, 1) if episode >= rng.randrange(6, 13) else (season, episode + 1)
            )
            numbering[parent] = (season, episode)
            title = f"Episode #{season}.{episode}" if k % 3 else named
            year = min(start + season - 1, 2025)
            basics.write(
                f"{tconst}\ttvEpisode\t{title}\t{title}\t0\t{year}\t\\N\t"
                f"{rng.randrange(20, 60)}\tDrama\n"
            )
            episodes.write(f"{tconst}\t{parent}\t{season}\t{episode}\n")
            crew.write(f"{tconst}\tnm{someone() + 1:07d}\t\\N\n")
            for ordering in range(1, rng.randrange(2, 5)):
                character = f"{rng.choice(FIRST)} {rng.choice(SURNAMES)}"
                principals.write(
                    f"{tconst}\t{ordering}\tnm{someone() + 1:07d}\tactor\t\\N\t"
                    f"{json.dumps([character], ensure_ascii=False)}\n"
                )
        # Everyone left uncredited gets a small part, so each person is in a work.
        while cursor < len(order):
            tconst = f"tt{rng.randrange(1, n + 1):07d}"
            principals.write(
                f"{tconst}\t{100 + cursor % 50}\tnm{someone() + 1:07d}\tactor\t\\N\t\\N\n"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--works", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    generate(args.out, args.people, args.works, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
