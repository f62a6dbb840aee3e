"""The ``residue`` check kind: web-page furniture left in scraped article text.

Detectors (``residue_detect``) each recognise one kind of furniture and claim
lines or spans; the layout pass (``residue_layout``) then claims the short
lines lying outside the article's prose.  A line is claimed once, by the most
specific rule that recognises it, in the order of :data:`_DETECTORS`.  This
module turns claims into findings with deletion fixes.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import ClassVar

from ..diagnostics import Applicability, Edit, Finding, Fix
from ..document import Document
from ..kinds import RuleOptions
from ..messages import quote
from ..packs import RuleSpec
from . import residue_detect as det
from .base import Check, DocContext
from .residue_closing import after_closing
from .residue_comments import comment_threads
from .residue_credits import wire_notices
from .residue_layout import headline_copies, outside_article, page_core
from .residue_lines import (
    LineInfo,
    PageLines,
    delete_lines_edit,
    is_prose,
    joinable,
    line_infos,
)
from .residue_records import is_number_cell, record_lines
from .residue_tail import TailOptions, after_article

Detector = Callable[[Sequence[LineInfo], det.ResidueOptions], Iterator[det.Claim]]

#: Most specific first: a line goes to the first detector that claims it.
_DETECTORS: tuple[Detector, ...] = (
    det.link_lists,  # CL307 before CL301: a list header takes its headlines along
    det.ui_phrases,  # CL301
    det.share_bars,  # CL310
    det.embed_credits,  # CL305
    det.inline_credits,  # CL304 run into the prose
    det.related_links,  # CL302
    det.copyright_lines,  # CL311 before credits: "© 2019 Publisher" is a notice
    det.credits_and_captions,  # CL303, CL304
    det.bylines,  # CL308
    det.timestamps,  # CL309
    det.toggle_stubs,  # CL306
    det.caps_teasers,  # CL315
    det.repeated_lines,  # CL312
    det.nav_menus,  # CL313
)


#: Rules the headline trips when the page prints it again, or over the byline.
_TITLE_LOOKALIKES = frozenset({"CL303", "CL312"})

#: Rules a wire agency's notice at the end of its article trips ("© Reuters").
_NOTICE_LOOKALIKES = frozenset({"CL303", "CL304", "CL311"})

#: Rules a flattened table trips: its figures, repeated cells and short cells.
_TABLE_LOOKALIKES = frozenset({"CL301", "CL312", "CL313"})


def _record_claim(claim: det.Claim, lines: Sequence[LineInfo], records: set[int]) -> bool:
    """True when ``claim`` is a table lookalike on the lines of flattened records."""
    if claim.code not in _TABLE_LOOKALIKES or claim.first not in records:
        return False
    if claim.code == "CL301":
        # A figure ("1", "1/4") is a cell; a UI phrase between the records is not.
        return claim.first == claim.last and is_number_cell(lines[claim.first])
    return True


def _labels_in_core(
    lines: Sequence[LineInfo], repeats: Sequence[det.Claim], core: tuple[int, int]
) -> set[int]:
    """Repeated lines that label the article's own blocks: content, not furniture.

    A label printed three times or more, every time inside the article core, and
    every time between lines of its own (different lines before and after each
    copy, none of them repeated) heads a block of the article: "Full worked
    solution" over each exercise, a wine's appellation over each producer.  A
    teaser or sign-up label repeats its surroundings too ("Subscribe now" /
    "Most recent newsletter"), a byline its separator.
    """
    groups: dict[str, list[int]] = {}
    for c in repeats:
        groups.setdefault(lines[c.first].key, []).append(c.first)
    out: set[int] = set()
    for copies in groups.values():
        if len(copies) < 3 or not all(core[0] < i < core[1] for i in copies):
            continue
        for side in (-1, 1):
            around = [lines[i + side].key for i in copies]
            if len(set(around)) < len(copies) or any(k in groups for k in around):
                break
        else:
            out.update(copies)
    return out


@functools.lru_cache(maxsize=8)
def _tail_options(notice: RuleOptions | None, trailing: RuleOptions | None) -> TailOptions:
    """CL317/CL318 options compiled once per set of options (they are frozen)."""
    return TailOptions.build(
        _listed(notice) if notice else None, _listed(trailing) if trailing else None
    )


def _listed(options: RuleOptions) -> dict[str, object]:
    """A rule's options by field name, word lists as lists (as the detectors read them)."""
    return {k: list(v) if isinstance(v, tuple) else v for k, v in options.as_dict().items()}


class ResidueCheck(Check):
    """Flags scraped-page residue: UI phrases, captions, credits, bylines, link lists …"""

    kind: ClassVar[str] = "residue"
    #: The layout rule needs the other rules' findings as evidence, and a
    #: caption is found by the credit line under it.
    needs_all_specs: ClassVar[bool] = True

    def __init__(self, specs: Sequence[RuleSpec]) -> None:
        super().__init__(specs)
        self.opts = det.ResidueOptions.build({s.code: _listed(s.options) for s in specs})
        self.max_gap = int(self.option("CL314", "max_gap", 4))
        self.max_words = int(self.option("CL314", "max_words", 20))
        self.max_sentence_words = int(self.option("CL314", "max_sentence_words", 12))
        self.closing_rules = frozenset(self.option("CL319", "closing_rules", ()))
        self.closing_min = int(self.option("CL319", "min_closing_lines", 6))
        notice, trailing = self.specs.get("CL317"), self.specs.get("CL318")
        self.tail = _tail_options(
            notice.options if notice else None, trailing.options if trailing else None
        )

    def claims(self, doc: Document, ctx: DocContext) -> tuple[list[LineInfo], list[det.Claim]]:
        """The document's lines and every accepted claim, in document order."""
        lines = line_infos(doc, self.opts.function_words)
        flow_end = doc.structure.flow_end if doc.structure is not None else None
        if flow_end is not None:
            # The page title and alt/title attributes after the flow are not page
            # lines: a title repeating the headline is no repeated line.
            lines = PageLines(ln for ln in lines if ln.start < flow_end)
        whole: set[int] = set()
        spans: list[det.Claim] = []
        accepted: list[det.Claim] = []
        # Every detector runs even when its rule is not selected: its claims are
        # the evidence the layout pass needs, and a line recognised as one kind of
        # furniture is not reported again as another.  Unselected claims are
        # dropped at the end.
        notices: set[int] | None = None
        for detector in _DETECTORS:
            for claim in detector(lines, self.opts):
                if claim.code not in self.specs:
                    continue
                if claim.code in _NOTICE_LOOKALIKES and claim.start is None:
                    if notices is None:
                        notices = wire_notices(lines, self.opts)
                    if claim.first in notices:
                        continue  # the article's own agency notice, not the site's
                if claim.start is not None:
                    if claim.first not in whole and not any(_overlap(claim, s) for s in spans):
                        spans.append(claim)
                    continue
                covered = set(range(claim.first, claim.last + 1))
                if covered & whole:
                    continue
                whole |= covered
                accepted.append(claim)
        # Flattened tables and lists (an ingredient list, a results table, numbered
        # steps) are content: their figures are no share counts, their repeated
        # cells no repeated furniture, their short lines no menu.
        records: set[int] = set()
        if whole:
            by_code = {i: c.code for c in accepted for i in range(c.first, c.last + 1)}
            records = record_lines(
                lines, by_code, _TABLE_LOOKALIKES, row_re=self.opts.record_row_re
            )
            if records:
                accepted = [c for c in accepted if not _record_claim(c, lines, records)]
                whole = {i for c in accepted for i in range(c.first, c.last + 1)}
        # Comment threads are found through the timestamps claimed above, or
        # through a reply cue on a short line (read only where a line is short).
        if "CL316" in self.specs:
            by_line = {i: c.code for c in accepted for i in range(c.first, c.last + 1)}
            for claim in comment_threads(lines, by_line, "CL309", self.opts):
                whole.update(range(claim.first, claim.last + 1))
                accepted.append(claim)
        prose: list[bool] | None = None
        # The site's voice and trailing lists are judged outside the article core,
        # only where other rules found furniture; they are the layout pass's evidence.
        notice = "CL317" if "CL317" in self.specs else None
        trailing = "CL318" if "CL318" in self.specs else None
        if (notice or trailing) and whole:
            prose = self._prose(doc, lines)
            for claim in after_article(
                lines,
                prose,
                set(whole),
                self.tail,
                max_gap=self.max_gap,
                notice_code=notice,
                list_code=trailing,
            ):
                whole.update(range(claim.first, claim.last + 1))
                accepted.append(claim)
        # Prose after the furniture that closes the article (a blurb, a bio, a
        # teaser), where enough of that furniture was found.
        if "CL319" in self.specs and whole:
            if prose is None:
                prose = self._prose(doc, lines)
            for claim in self._after_closing(lines, prose, accepted, whole, records):
                whole.update(range(claim.first, claim.last + 1))
                accepted.append(claim)
        # The page's layout (its prose, core and headline) is read only where other
        # rules found furniture: clean copy never pays for it.
        layout_wanted = "CL314" in self.specs and ctx.wants("CL314")
        repeats = [c for c in accepted if c.code == "CL312"]
        if whole and (layout_wanted or repeats):
            if prose is None:
                prose = self._prose(doc, lines)
            core = page_core(lines, prose, whole, self.max_gap, records)
            title_copies: set[int] = set()
            if core is not None:
                repeated = {i for c in repeats for i in range(c.first, c.last + 1)}
                title_copies = headline_copies(lines, core, whole, repeated)
                # The headline's copies (the page title, the <h1>) are the article's
                # title, not repeated furniture nor a caption over the byline; they
                # stay the layout's evidence.
                labels = _labels_in_core(lines, repeats, core)
                accepted = [
                    c
                    for c in accepted
                    if (c.code not in _TITLE_LOOKALIKES or c.first not in title_copies)
                    and not (c.code == "CL312" and c.first in labels)
                ]
            # The layout pass is nobody's evidence, so it runs only when selected,
            # and only where other rules found some furniture (its evidence).
            if layout_wanted and whole:
                layout = list(
                    outside_article(
                        lines,
                        prose,
                        whole,
                        core,
                        max_words=self.max_words,
                        max_sentence_words=self.max_sentence_words,
                        protected=title_copies | records,
                        records=records,
                    )
                )
                for claim in layout:
                    whole.update(range(claim.first, claim.last + 1))
                accepted.extend(layout)
        # A span inside a line that is residue as a whole is covered by the line's fix.
        accepted.extend(s for s in spans if s.first not in whole)
        # A table is content: it is residue only as a whole (a share bar laid out as
        # a table), never one of its rows or cells.
        for table in tables(doc, lines):
            accepted = [
                c
                for c in accepted
                if c.start is not None
                or not table & set(range(c.first, c.last + 1))
                or table <= set(range(c.first, c.last + 1))
            ]
        accepted = [c for c in accepted if ctx.wants(c.code)]
        accepted.sort(key=lambda c: (c.first, c.start if c.start is not None else -1))
        return lines, accepted

    def _after_closing(
        self,
        lines: Sequence[LineInfo],
        prose: Sequence[bool],
        accepted: Sequence[det.Claim],
        whole: set[int],
        records: set[int],
    ) -> Iterator[det.Claim]:
        """CL319 claims: the core's prose after the furniture that closes the article."""
        codes = {i: c.code for c in accepted for i in range(c.first, c.last + 1)}
        few = int(self.option("CL319", "few_closing_lines", self.closing_min))
        if sum(code in self.closing_rules for code in codes.values()) < min(few, self.closing_min):
            return
        core = page_core(lines, prose, whole, self.max_gap, records)
        if core is None:
            return
        yield from after_closing(
            lines,
            prose,
            core,
            codes,
            self.closing_rules,
            min_closing_lines=self.closing_min,
            tail_share=float(self.option("CL319", "tail_share", 0.33)),
            few_closing_lines=few,
            few_lines_share=float(self.option("CL319", "few_lines_share", 0.0)),
            code="CL319",
        )

    def _prose(self, doc: Document, lines: Sequence[LineInfo]) -> list[bool]:
        """Per line, whether it reads as article prose (the layout's article core)."""
        # A table row is content (figures, names), never a short line of furniture
        # around the article: it counts as prose for the layout.
        table = table_lines(doc, lines)
        return [
            ln.index in table
            or is_prose(ln, self.opts.prose_min_words, self.opts.prose_min_function_share)
            for ln in lines
        ]

    def run(self, doc: Document, ctx: DocContext) -> Iterable[Finding]:
        """Yield one finding per claim, each with a deletion fix."""
        lines, claims = self.claims(doc, ctx)
        # A shared fix (a caption with its credit) is only kept when every line it
        # deletes is reported under it; otherwise each claim deletes its own lines.
        sharing: dict[tuple[int, int], set[int]] = {}
        for claim in claims:
            if claim.fix_lines and claim.start is None:
                sharing.setdefault(claim.fix_lines, set()).update(
                    range(claim.first, claim.last + 1)
                )
        for claim in claims:
            spec = self.specs[claim.code]
            applicability = Applicability.SAFE if claim.safe else Applicability.UNSAFE
            if applicability.rank > spec.fix.rank:
                applicability = spec.fix
            if claim.start is not None and claim.end is not None:
                start, end = claim.start, claim.end
                edit = Edit.replace(start, end, claim.text)
                title = f"Replace with “{claim.text}”" if claim.text else "Delete the residue"
            else:
                start, end = lines[claim.first].start, lines[claim.last].end
                first, last = claim.first, claim.last
                pair = claim.fix_lines
                if (
                    pair
                    and sharing.get(pair, set()) >= set(range(pair[0], pair[1] + 1))
                    and joinable(doc, lines, *pair)
                ):
                    first, last = pair
                edit = delete_lines_edit(doc, lines, first, last)
                title = "Delete the line" if first == last else "Delete the lines"
            yield Finding(
                code=claim.code,
                start=start,
                end=end,
                message=quoting(claim.message, doc.text[start:end]),
                fix=Fix(title, (edit,), applicability),
            )


def quoting(message: str, flagged: str) -> str:
    """``message`` quoting the text it flags (shortened), unless it quotes it already."""
    if "“" in message or not flagged.strip():
        return message
    return f"{message}: {quote(flagged)}"


def table_lines(doc: Document, lines: Sequence[LineInfo]) -> set[int]:
    """Indexes of the lines that are table rows (Markdown and HTML tables)."""
    st = doc.structure
    if st is None:
        return set()
    return {ln.index for ln in lines if st.kind_at(ln.start) in ("table-cell", "table-header")}


def tables(doc: Document, lines: Sequence[LineInfo]) -> list[set[int]]:
    """The line indexes of each table's rows."""
    st = doc.structure
    if st is None:
        return []
    out = []
    for unit in st.units:
        if unit.kind == "table":
            a, b = st.blocks[unit.first].start, st.blocks[unit.last].end
            rows = {ln.index for ln in lines if a <= ln.start < b}
            if rows:
                out.append(rows)
    return out


def _overlap(a: det.Claim, b: det.Claim) -> bool:
    assert a.start is not None and a.end is not None and b.start is not None and b.end is not None
    return a.start < b.end and b.start < a.end
