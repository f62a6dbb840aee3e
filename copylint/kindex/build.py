"""``copylint knowledge build``: sources in, one index file out.

A source is a YAML knowledge file, a Wikidata JSON dump or a directory of
IMDb's TSV files; the kind is told by content (a directory with
``title.basics``; a file whose first character is ``[`` or ``{``; else YAML).
"""

from __future__ import annotations

import datetime as dt
import gzip
import re
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from .convert import read_yaml, work_json
from .imdb import is_imdb_dir, read_imdb
from .records import LICENCES, PersonRecord, SourceError, SourceInfo, WorkRecord
from .store import IndexWriter
from .wikidata import read_wikidata

_TITLE_WORDS = r"[^\W_]+(?:['’][^\W_]+)*"


@dataclass(frozen=True)
class Filters:
    """What to keep: works of ``kinds`` from ``since`` on, people with ``min_credits``."""

    kinds: frozenset[str] | None = None
    since: int | None = None
    min_credits: int = 1

    def describe(self) -> str:
        """The filters as ``knowledge build`` options."""
        parts = []
        if self.kinds is not None:
            parts.append("--kinds " + ",".join(sorted(self.kinds)))
        if self.since is not None:
            parts.append(f"--since {self.since}")
        parts.append(f"--min-credits {self.min_credits}")
        return " ".join(parts)


@dataclass
class BuildReport:
    """What a build wrote."""

    works: int
    people: int
    seconds: float
    sources: list[SourceInfo]


def source_format(path: Path) -> str:
    """ "imdb", "wikidata" or "yaml", by content."""
    if path.is_dir():
        if is_imdb_dir(path):
            return "imdb"
        raise SourceError(str(path), "a directory source must hold IMDb's title.basics.tsv(.gz)")
    if not path.is_file():
        raise SourceError(str(path), "no such file or directory")
    name = path.name.lower()
    if name.endswith(".bz2"):
        return "wikidata"
    opener = gzip.open if name.endswith(".gz") else open
    try:
        with opener(path, "rb") as fh:
            head = fh.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    except (OSError, EOFError) as exc:
        raise SourceError(str(path), f"cannot read: {exc}") from None
    if head[:1] == b"[" or name.endswith((".json", ".json.gz")):
        return "wikidata"
    return "yaml"


def _read(path: Path, fmt: str, filters: Filters) -> tuple[list[WorkRecord], list[PersonRecord]]:
    if fmt == "imdb":
        return read_imdb(path, filters.kinds, filters.since)
    if fmt == "wikidata":
        return read_wikidata(path)
    return read_yaml(path)


def _keep(rec: WorkRecord, filters: Filters) -> bool:
    if filters.kinds is not None and rec.kind and rec.kind not in filters.kinds:
        return False
    year = rec.first_year()
    return not (filters.since is not None and rec.kind and (year is None or year < filters.since))


def build_index(sources: Iterable[str | Path], output: Path, filters: Filters) -> BuildReport:
    """Read every source, apply the filters and write ``output`` atomically."""
    started = time.monotonic()
    works: list[WorkRecord] = []
    people: dict[str, PersonRecord] = {}  # by source key
    infos: list[SourceInfo] = []
    for raw in sources:
        path = Path(raw)
        fmt = source_format(path)
        file_works, file_people = _read(path, fmt, filters)
        kept = [w for w in file_works if _keep(w, filters)]
        prefix = "" if fmt == "yaml" else f"{fmt}:"
        for w in kept:
            if prefix:
                w.key = prefix + w.key
                w.series = prefix + w.series if w.series else None
                for c in w.credits:
                    c.person = prefix + c.person
        for p in file_people:
            p.key = prefix + p.key
            known = people.get(p.key)
            if known is not None:
                known.misspellings = list(dict.fromkeys(known.misspellings + p.misspellings))
            else:
                people[p.key] = p
        works.extend(kept)
        infos.append(SourceInfo(str(path), fmt, LICENCES[fmt], len(kept), len(file_people)))
    # YAML credits name people directly: they are their own keys.
    for w in works:
        for c in w.credits:
            if c.person not in people:
                people[c.person] = PersonRecord(c.person, c.person)
    credit_counts = Counter(
        c.person for w in works for c in {c.person: c for c in w.credits}.values()
    )
    entity_keys = {k for k, p in people.items() if p.misspellings or p.kind != "person"}
    yaml_entities = {p.key for p in people.values() if ":" not in p.key}
    names = {
        k: p.name
        for k, p in people.items()
        if credit_counts[k] >= filters.min_credits or k in entity_keys or k in yaml_entities
    }
    titles = {w.key: w.title for w in works}
    output.parent.mkdir(parents=True, exist_ok=True)
    writer = IndexWriter(output)
    try:
        word_re = re.compile(_TITLE_WORDS)
        for w in works:
            w.credits = [c for c in w.credits if c.person in names]
            if w.source in ("wikidata", "imdb"):
                w.source = f"{w.source}:{w.key.partition(':')[2]}"
            data = work_json(w, names, titles.get(w.series) if w.series else None)
            forms = [w.title, *w.aliases, *w.former_titles]
            words: set[str] = set()
            for form in forms:
                words.update(word_re.findall(form))
            for c in w.credits:
                words.update(word_re.findall(names[c.person]))
                if c.character:
                    words.update(word_re.findall(c.character))
                    writer.add_character(c.character)
            if w.studio:
                words.update(word_re.findall(w.studio))
            for acronym, expansion in w.acronyms:
                words.add(acronym)
                words.update(word_re.findall(expansion))
            writer.add_work(data, forms, words)
        # One row per name: namesakes across sources share it, misspellings merge.
        by_name: dict[str, tuple[str, list[str], int]] = {}
        for key, p in people.items():
            if key not in names:
                continue
            kind, wrong, count = by_name.get(p.name, (p.kind, [], 0))
            by_name[p.name] = (
                kind if kind != "person" else p.kind,
                list(dict.fromkeys(wrong + p.misspellings)),
                count + credit_counts[key],
            )
        studios = {w.studio for w in works if w.studio} | {n for w in works for n in w.networks}
        for org in studios:
            by_name.setdefault(org, ("organisation", [], 0))
        writer.add_people((n, k, wr, c) for n, (k, wr, c) in by_name.items())
        meta = {
            "built": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "copylint": __version__,
            "people": str(sum(1 for k, _w, _c in by_name.values() if k == "person")),
            "filters": filters.describe(),
        }
        writer.commit(meta, infos, started)
    except BaseException:
        writer.abort()
        raise
    return BuildReport(len(works), len(by_name), time.monotonic() - started, infos)
