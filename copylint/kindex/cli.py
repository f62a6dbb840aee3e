"""``copylint knowledge build | info | find``: the index's command line."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..textsafe import printable


def _fail(message: str) -> None:
    click.echo(f"copylint: error: {printable(message)}", err=True)
    sys.exit(2)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def knowledge() -> None:
    """Build and inspect compiled knowledge indexes.

    To lint a folder named "knowledge", write it as a path: copylint ./knowledge
    """


@knowledge.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path())
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False), help="The index file."
)
@click.option(
    "--kinds",
    metavar="KINDS",
    help="Only works of these kinds, comma-separated (IMDb's titleType: movie, tvSeries, "
    "tvMiniSeries, tvMovie, tvEpisode, short …).",
)
@click.option("--since", type=int, metavar="YEAR", help="Only works first out in or after YEAR.")
@click.option(
    "--min-credits",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    metavar="N",
    help="Only people credited on at least N kept works (people listed in YAML are kept).",
)
def build(
    sources: tuple[str, ...], output: str, kinds: str | None, since: int | None, min_credits: int
) -> None:
    """Compile SOURCES (YAML files, Wikidata JSON dumps, IMDb TSV directories) into one index."""
    from ..errors import CopylintError
    from .build import Filters, build_index

    wanted = _kinds(kinds) if kinds else None
    try:
        report = build_index(sources, Path(output), Filters(wanted, since, min_credits))
    except CopylintError as exc:
        _fail(str(exc))
        return
    except OSError as exc:
        _fail(f"{output}: cannot write the index: {exc.strerror or exc}")
        return
    click.echo(
        f"{printable(output)}: {report.works} works, {report.people} names from "
        f"{len(report.sources)} source{'s' if len(report.sources) != 1 else ''} "
        f"in {report.seconds:.1f} s",
        err=True,
    )


def _kinds(option: str) -> frozenset[str]:
    """``--kinds``'s words, each a kind the sources or the model use: a typo
    ("movies") would otherwise build an index without a single work."""
    from ..errors import did_you_mean
    from ..knowledge.model import WORK_KINDS
    from .convert import MODEL_KINDS

    known = {*MODEL_KINDS, *WORK_KINDS}
    wanted = frozenset(k.strip() for k in option.split(",") if k.strip())
    unknown = sorted(wanted - known)
    if unknown:  # (the first is named: one line)
        kind = unknown[0]
        _fail(
            f"--kinds: no kind {kind!r}{did_you_mean(kind, known)}; "
            f"known kinds: {', '.join(sorted(known))}"
        )
    return wanted


@knowledge.command()
@click.argument("index", type=click.Path(dir_okay=False))
def info(index: str) -> None:
    """Counts, sources, licences and build time of an index."""
    from ..errors import CopylintError
    from .index import KnowledgeIndex

    try:
        kx = KnowledgeIndex(index)
        meta = kx.meta()
        sources = kx.sources()
    except CopylintError as exc:
        _fail(str(exc))
        return
    click.echo(f"index:    {printable(index)}")
    click.echo(f"works:    {meta.get('works')}")
    click.echo(f"people:   {meta.get('people')}")
    click.echo(
        f"built:    {meta.get('built')} in {meta.get('build_seconds')} s "
        f"by copylint {meta.get('copylint')}"
    )
    click.echo(f"filters:  {meta.get('filters')}")
    click.echo("sources:")
    for s in sources:
        click.echo(f"  {printable(str(s.path))} ({s.format}): {s.works} works, {s.people} people")
        click.echo(f"    licence: {printable(str(s.licence))}")


@knowledge.command()
@click.argument("index", type=click.Path(dir_okay=False))
@click.argument("query")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=10,
    show_default=True,
    metavar="N",
    help="Show the N best candidates.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json: a list of {text, kind, score, why}, for tools.",
)
def find(index: str, query: str, limit: int, output_format: str) -> None:
    """Show the known names or titles QUERY could mean, and why (a debugging aid).

    QUERY is a name ("Jane Doh", or one word of it: "Doh"), a character's, studio's
    or network's name, or words of a title, its first words ("The Silent") or any
    ("Silent Harbour"); near spellings are found too.  Exits 1
    when nothing is near.
    """
    import json

    from ..errors import CopylintError
    from .convert import DamagedRecord
    from .find import find as find_candidates
    from .findtitles import unplaced_words
    from .index import KnowledgeIndex

    try:
        kx = KnowledgeIndex(index)
        candidates = find_candidates(kx, query, limit)
        inner = [] if candidates else unplaced_words(kx, query)
    except DamagedRecord as exc:  # (a stored row, which does not know its file)
        _fail(f"{index}: damaged index: {exc}")
        return
    except CopylintError as exc:
        _fail(str(exc))
        return
    if output_format == "json":
        click.echo(json.dumps([c.to_dict() for c in candidates], ensure_ascii=False, indent=2))
    elif not candidates:
        shown = query if len(query) <= 80 else f"{query[:80]}…"
        click.echo(f"no known name or title near {printable(repr(shown))}")
        if inner:
            words = ", ".join(repr(w) for w in inner)
            click.echo(
                f"({printable(words)}: words of known names or titles, but no name or title "
                "has all the query's words)"
            )
    for c in candidates if output_format == "text" else ():
        click.echo(f"{c.score:5.1f}  {printable(c.text)}  [{c.kind}]  {printable(c.why)}")
    if not candidates:
        sys.exit(1)
