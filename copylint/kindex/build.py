"""``copylint knowledge build``: sources in, one index file out.

A source is a YAML knowledge file, a Wikidata JSON dump or a directory of
IMDb's TSV files, told apart by content: a directory holding
``title.basics``; a file starting with ``[`` (the dumps' JSON array) or named
``.json``/``.json.gz``/``.bz2``; anything else is read as YAML.
"""

from __future__ import annotations

import datetime as dt
import gzip
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..errors import DataFileError
from ..knowledge import Entity, Work
from .convert import first_year, model_kind, to_model_entity, to_model_work
from .fileformat import is_index_file
from .imdb import is_imdb_dir, read_imdb
from .records import LICENCES, PersonRecord, SourceError, SourceInfo, WorkRecord
from .store import IndexWriter
from .wikidata import read_wikidata


@dataclass(frozen=True)
class Filters:
    """What to keep: works of ``kinds`` from ``since`` on, people with ``min_credits``.

    ``kinds`` may use IMDb's titleType names (movie, tvSeries …) or the
    knowledge model's (film, series …).  YAML works are filtered only by what
    they declare (a work with no kind or no date is kept), and the credits
    filter applies to imported sources only: a newsroom's own files are kept
    whole.
    """

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

    def keeps_kind(self, kind: str) -> bool:
        """True when a work of ``kind`` (a source's or the model's word) is kept."""
        if self.kinds is None or not kind:
            return True
        return kind in self.kinds or model_kind(kind) in self.kinds

    def source_kinds(self) -> frozenset[str] | None:
        """The filter as IMDb titleTypes, for reading IMDb's files."""
        if self.kinds is None:
            return None
        from .convert import MODEL_KINDS

        return frozenset(self.kinds | {k for k, m in MODEL_KINDS.items() if m in self.kinds})


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
    if name.endswith((".bz2", ".json", ".json.gz")):
        return "wikidata"
    opener = gzip.open if name.endswith(".gz") else open
    try:
        with opener(path, "rb") as fh:
            head = fh.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    except (OSError, EOFError) as exc:
        raise SourceError(str(path), f"cannot read: {exc}") from None
    return "wikidata" if head[:1] == b"[" else "yaml"


class _Collected:
    """Works as they are read (straight into the index) and every source's entities, merged."""

    def __init__(self, writer: IndexWriter) -> None:
        self.writer = writer
        self.works = 0
        self.credits: Counter[str] = Counter()  # works crediting each name
        self.entities: dict[str, Entity] = {}  # by name

    def add_work(self, work: Work, year: int | None, *, by_title: bool = True) -> None:
        # Written at once: a large source never has all its works in memory twice.
        self.writer.add_work(work, year, by_title=by_title)
        self.works += 1
        # (each name once per work, in credit order: a set's order would vary by
        # process, and with it the people's ids in the index)
        self.credits.update(dict.fromkeys(c.name for c in work.credits).keys())

    def add_entity(self, entity: Entity) -> None:
        known = self.entities.get(entity.name)
        self.entities[entity.name] = known.merged(entity) if known else entity


def _read_yaml(path: Path, filters: Filters, out: _Collected) -> SourceInfo:
    from ..knowledge.yamlformat import read_knowledge

    works, entities = read_knowledge([path])
    kept = [
        w
        for w in works
        if filters.keeps_kind(w.kind)
        and not (
            filters.since and w.releases and min(r.date.year for r in w.releases) < filters.since
        )
    ]
    for w in kept:
        out.add_work(w, first_year(w))
    for entity in entities.values():
        out.add_entity(entity)
    return SourceInfo(str(path), "yaml", LICENCES["yaml"], len(kept), len(entities))


def _keep(rec: WorkRecord, filters: Filters) -> bool:
    if not filters.keeps_kind(rec.kind):
        return False
    year = rec.first_year()
    return not (filters.since is not None and (year is None or year < filters.since))


def _read_imported(path: Path, fmt: str, filters: Filters, out: _Collected) -> SourceInfo:
    records: tuple[list[WorkRecord], list[PersonRecord]]
    if fmt == "imdb":
        records = read_imdb(path, filters.source_kinds(), filters.since)
    else:
        records = read_wikidata(path)
    all_works, all_people = records
    del records
    titles = {w.key: w.title for w in all_works}
    works = [w for w in all_works if _keep(w, filters)]
    del all_works
    counts = Counter(k for w in works for k in {c.person for c in w.credits})
    least = max(filters.min_credits, 1)
    people = {p.key: p for p in all_people if counts[p.key] >= least}
    del all_people
    names = {k: p.name for k, p in people.items()}
    kept = len(works)
    works.reverse()
    while works:  # each record is freed once written
        w = works.pop()
        w.source = f"{fmt}:{w.key}"
        out.add_work(to_model_work(w, names, titles), w.first_year(), by_title=w.by_title)
    for person in people.values():
        out.add_entity(to_model_entity(person))
    return SourceInfo(str(path), fmt, LICENCES[fmt], kept, len(names))


def _check_replaceable(output: Path) -> None:
    """Refuse to write over anything but an index: ``-o article.txt`` (a slip of the
    arguments) or ``-o films.yaml`` (a source) would otherwise be lost to the rename."""
    if output.is_symlink() or output.exists():
        if output.is_dir():
            raise DataFileError(str(output), "is a directory: name the index file to write")
        if not is_index_file(output):
            raise DataFileError(str(output), "exists and is not a copylint index: not replacing it")


def build_index(sources: Iterable[str | Path], output: Path, filters: Filters) -> BuildReport:
    """Read every source, apply the filters and write ``output`` atomically.

    The index is written under a temporary name beside ``output`` and renamed
    over it only when complete; on any error the temporary file is removed.  An
    existing ``output`` is replaced only when it is an index itself.
    """
    started = time.monotonic()
    paths = [Path(raw) for raw in sources]
    formats = [source_format(path) for path in paths]  # fail before writing anything
    _check_replaceable(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    writer = IndexWriter(output)
    try:
        collected = _Collected(writer)
        infos: list[SourceInfo] = []
        for path, fmt in zip(paths, formats, strict=True):
            if fmt == "yaml":
                infos.append(_read_yaml(path, filters, collected))
            else:
                infos.append(_read_imported(path, fmt, filters, collected))
        entities = collected.entities
        for name in collected.credits:  # everyone credited is a person the index can find
            if name not in entities:
                entities[name] = Entity(name, "person")
        writer.add_people((e, collected.credits.get(n, 0)) for n, e in entities.items())
        meta = {
            "built": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "copylint": __version__,
            "people": str(sum(1 for e in entities.values() if e.kind == "person")),
            "filters": filters.describe(),
        }
        writer.commit(meta, infos, started)
    except BaseException:
        writer.abort()
        raise
    return BuildReport(collected.works, len(entities), time.monotonic() - started, infos)
