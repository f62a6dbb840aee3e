"""The engine: run the selected rules over a Document and produce Diagnostics.

It is the only place that turns text-view findings into source positions,
applies select/ignore and per-file ignores, resolves overlaps between rule
families, and turns a crashing rule into an internal-error diagnostic.
"""

from __future__ import annotations

import dataclasses
import fnmatch
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from .checks import Check, DocContext, check_class
from .config import Settings, line_in_table, line_of_value
from .diagnostics import Diagnostic, Finding, Related, Severity
from .document import Document
from .errors import CopylintError, DataFileError, did_you_mean
from .fixmap import map_fix
from .kinds import OptionError, build_options
from .knowledge import KnowledgeBase, Mentions
from .packs import RuleSpec, builtin_pack_paths, load_packs

INTERNAL_ERROR = "CL001"
PATTERN_TIMEOUT = "CL004"
#: Reported whatever is selected, ignored or suppressed, always as errors: a
#: rule that crashed or was stopped did not check the document, and a
#: repository's config or inline comments must not be able to hide that.
ALWAYS_REPORTED = frozenset({INTERNAL_ERROR, PATTERN_TIMEOUT})
SUPPRESSION_INVALID = "CL002"
SUPPRESSION_UNUSED = "CL003"
FRONT_MATTER_INVALID = "CL005"
#: check kinds whose rules are emitted by the engine itself, not by a Check
ENGINE_KIND = "engine"
GRAMMAR_PREFIX = "CL5"


def code_matches(code: str, patterns: Iterable[str]) -> bool:
    """True when ``code`` starts with one of ``patterns`` ("ALL" matches everything)."""
    return any(p == "ALL" or code.startswith(p) for p in patterns)


def load_rule_specs(settings: Settings) -> list[RuleSpec]:
    """Built-in packs followed by the user's packs, with config overrides applied.

    The packs come from the compiled-data cache while their files are unchanged.
    """
    from .datacache import load_cached  # (here: a Linter built from given specs never needs it)

    paths: list[str | Path] = [*builtin_pack_paths(), *settings.rule_packs]
    specs = load_cached(
        "packs",
        paths,
        lambda: load_packs(paths),
        ("packs.py", "kinds.py", "yamlsource.py", "diagnostics.py"),
    )
    by_key = {s.code: s for s in specs} | {s.name: s for s in specs}
    where = settings.config_path or "configuration"
    for key in settings.rule_options:
        if key not in by_key:
            raise DataFileError(
                where,
                f"[rules.{key}] names no known rule code or name{did_you_mean(key, by_key)}",
                line_in_table(settings.config_path, key),
            )
    out = []
    for spec in specs:
        for key in (spec.code, spec.name):
            overrides = settings.rule_options.get(key)
            if overrides:
                spec = _override(spec, key, overrides, settings.config_path)
        out.append(spec)
    return out


def _override(
    spec: RuleSpec, table: str, overrides: Mapping[str, object], config: str | None
) -> RuleSpec:
    """``spec`` with a ``[rules.<table>]`` config table applied, validated like its pack."""
    options = dict(overrides)
    severity = options.pop("severity", None)
    where = config or "configuration"
    cls = type(spec.options)
    try:
        spec = dataclasses.replace(spec, options=build_options(cls, options, spec.options))
    except OptionError as exc:
        key = exc.key.split(".")[0]
        raise DataFileError(
            where, f"[rules.{table}]: {exc}", line_in_table(config, table, key)
        ) from None
    if severity is not None:
        try:
            spec = dataclasses.replace(spec, severity=Severity.parse(str(severity)))
        except ValueError as exc:
            raise DataFileError(
                where, f"[rules.{table}]: {exc}", line_in_table(config, table, "severity")
            ) from None
    return spec


def resolve_selectors(
    selectors: Iterable[str], specs: Mapping[str, RuleSpec], key: str, settings: Settings
) -> tuple[str, ...]:
    """Rule selectors as code prefixes: a rule's name stands for its code.

    A selector that is neither "ALL", nor a prefix of a known code, nor a
    rule's name would silently select (or ignore) nothing: it is an error
    naming where it was written (the config file and line, or the option)
    with the closest code or name.
    """
    out: list[str] = []
    names = {spec.name: code for code, spec in specs.items()}
    for selector in selectors:
        if selector == "ALL" or any(code.startswith(selector) for code in specs):
            out.append(selector)
            continue
        code = names.get(selector) or names.get(selector.lower())
        if code is not None:
            out.append(code)
            continue
        hint = did_you_mean(selector, [*specs, *names]) or did_you_mean(
            selector.lower(), [*specs, *names]
        )
        message = f"{selector!r} matches no rule code or name{hint}"
        line = line_of_value(settings.config_path, selector)
        if line is not None and settings.config_path:
            raise DataFileError(settings.config_path, f"{key}: {message}", line)
        raise CopylintError(f"--{key}: {message}")
    return tuple(out)


class Linter:
    """Runs rules over documents.  Build one per settings; reuse it for every file."""

    def __init__(
        self,
        settings: Settings,
        knowledge: KnowledgeBase | None = None,
        specs: Sequence[RuleSpec] | None = None,
    ) -> None:
        self.settings = settings
        self.knowledge = knowledge if knowledge is not None else KnowledgeBase.empty()
        self.specs: dict[str, RuleSpec] = {
            s.code: s for s in (specs if specs is not None else load_rule_specs(settings))
        }
        select = resolve_selectors(settings.select, self.specs, "select", settings)
        ignore = resolve_selectors(settings.ignore, self.specs, "ignore", settings)
        self._per_file = tuple(
            (pattern, resolve_selectors(codes, self.specs, "per-file-ignores", settings))
            for pattern, codes in settings.per_file_ignores
        )
        self.selected = frozenset(
            code
            for code in self.specs
            if (not select or code_matches(code, select)) and not code_matches(code, ignore)
        )
        self.accept = frozenset(settings.accept)
        self._names = {spec.name: code for code, spec in self.specs.items()}
        self.checks: list[Check] = self._build_checks()

    def _build_checks(self) -> list[Check]:
        by_kind: dict[str, list[RuleSpec]] = {}
        for code in sorted(self.selected):
            spec = self.specs[code]
            if spec.check != ENGINE_KIND:
                by_kind.setdefault(spec.check, []).append(spec)
        checks = []
        for kind, specs in by_kind.items():
            cls = check_class(kind)
            if cls.needs_knowledge and not self.knowledge:
                continue
            if cls.needs_all_specs:
                specs = [s for s in self.specs.values() if s.check == kind]
            checks.append(cls(specs))
        return checks

    def warm_up(self) -> None:
        """Let every check do now what it would do on first use (see :meth:`Check.warm_up`)."""
        for check in self.checks:
            check.warm_up()

    # ------------------------------------------------------------------ running
    def codes_for(self, path: str) -> frozenset[str]:
        """Selected codes minus the per-file ignores that match ``path``."""
        if not self.settings.per_file_ignores:
            return self.selected
        try:
            rel = Path(path).resolve().relative_to(self.settings.root.resolve()).as_posix()
        except ValueError:
            rel = Path(path).as_posix()
        ignored: list[str] = []
        for pattern, codes in self._per_file:
            if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(Path(path).name, pattern):
                ignored.extend(codes)
        return frozenset(c for c in self.selected if not code_matches(c, ignored))

    def _knowledge_for(self, doc: Document) -> KnowledgeBase:
        """The knowledge the checks see for ``doc``: a compiled index narrows itself
        to what the document can concern (see :mod:`copylint.kindex.base`)."""
        narrow = getattr(self.knowledge, "for_document", None)
        return narrow(doc) if narrow is not None else self.knowledge

    def _mentions(self, doc: Document, knowledge: KnowledgeBase) -> Mentions:
        mentions = knowledge.find_mentions(doc.text)
        front = doc.metadata.get("front_matter")
        declared = front.get("works") if isinstance(front, dict) else None
        if isinstance(declared, str):
            declared = [declared]
        if isinstance(declared, list) and knowledge:
            works = knowledge.works_named(str(w) for w in declared)
            mentions = dataclasses.replace(mentions, declared=works)
        return mentions

    def lint_document(self, doc: Document) -> list[Diagnostic]:
        """All diagnostics for one document, in stable order."""
        enabled = self.codes_for(doc.path)
        knowledge = self._knowledge_for(doc)
        ctx = DocContext(
            knowledge=knowledge,
            mentions=self._mentions(doc, knowledge),
            accept=self.accept,
            enabled=enabled,
        )
        findings: list[Finding] = []
        for check in self.checks:
            try:
                findings.extend(
                    f for f in check.run(doc, ctx) if f.code in enabled or f.code in ALWAYS_REPORTED
                )
            except Exception as exc:  # noqa: BLE001 - a broken rule must not stop the others
                codes = ", ".join(sorted(check.specs))
                findings.append(
                    Finding(
                        INTERNAL_ERROR,
                        0,
                        0,
                        f"rule {check.kind} ({codes}) crashed: {type(exc).__name__}: {exc}",
                    )
                )
        findings = [f for f in findings if self._in_scope(doc, f)]
        diagnostics = [self._place(doc, f) for f in findings]
        diagnostics = _drop_grammar_overlaps(diagnostics)
        diagnostics = self._apply_suppressions(doc, diagnostics, enabled)
        if FRONT_MATTER_INVALID in enabled and doc.metadata.get("front_matter_error"):
            diagnostics.append(
                self._place(
                    doc,
                    Finding(
                        FRONT_MATTER_INVALID,
                        0,
                        0,
                        f"front matter is ignored: {doc.metadata['front_matter_error']}",
                    ),
                )
            )
        diagnostics.sort(key=Diagnostic.sort_key)
        return diagnostics

    def _in_scope(self, doc: Document, finding: Finding) -> bool:
        """True when the finding lies in a block of a kind its rule reads (its ``scope``)."""
        spec = self.specs.get(finding.code)
        if spec is None or not spec.scope:
            return True
        if doc.structure is None:  # plain text: every line is a paragraph
            return "paragraph" in spec.scope
        kind = doc.structure.kind_at(finding.start)
        return kind is None or kind in spec.scope

    def _apply_suppressions(
        self, doc: Document, diagnostics: list[Diagnostic], enabled: frozenset[str]
    ) -> list[Diagnostic]:
        """Drop what inline directives silence; report bad (and, on request, unused) ones."""
        if "copylint:" not in doc.source:
            return diagnostics
        from .suppressions import parse_suppressions

        sup = parse_suppressions(doc, self.specs, self._names)
        muted = [
            d.code not in ALWAYS_REPORTED and sup.is_suppressed(d.code, d.line, d.start)
            for d in diagnostics
        ]
        kept = [d for d, m in zip(diagnostics, muted, strict=True) if not m]
        # A fix shared with a silenced diagnostic (a caption deleted together with its
        # credit) would change text the user silenced: keep the finding, not that fix.
        silenced = {d.fix for d, m in zip(diagnostics, muted, strict=True) if m and d.fix}
        if silenced:
            kept = [dataclasses.replace(d, fix=None) if d.fix in silenced else d for d in kept]
        problems: list[tuple[str, int, int, str]] = []
        if SUPPRESSION_INVALID in enabled:
            problems += [
                (
                    SUPPRESSION_INVALID,
                    line,
                    col,
                    f"suppression names no known rule: {code!r}"
                    + did_you_mean(code, [*self.specs, *self._names]),
                )
                for line, col, code in sup.unknown_codes
            ]
            problems += [
                (SUPPRESSION_INVALID, line, col, message) for line, col, message in sup.malformed
            ]
        if SUPPRESSION_UNUSED in enabled and self.settings.report_unused_suppressions:
            problems += [
                (SUPPRESSION_UNUSED, line, col, message) for line, col, message in sup.unused()
            ]
        for code, line, col, message in problems:
            spec = self.specs[code]
            offset = doc.offset_of(line, col)
            kept.append(
                Diagnostic(
                    doc.path,
                    code,
                    spec.name,
                    spec.severity,
                    message,
                    offset,
                    offset,
                    line,
                    col,
                    line,
                    col,
                )
            )
        return kept

    def _place(self, doc: Document, finding: Finding) -> Diagnostic:
        spec = self.specs[finding.code]
        start, end = doc.to_source(finding.start, finding.end)
        line, column = doc.position(start)
        end_line, end_column = doc.position(end)
        fix = finding.fix
        if fix is not None and (doc.offset_map is not None or doc.structure is not None):
            fix = map_fix(doc, fix)
        return Diagnostic(
            path=doc.path,
            code=finding.code,
            rule=spec.name,
            severity=Severity.ERROR if finding.code in ALWAYS_REPORTED else spec.severity,
            message=finding.message,
            start=start,
            end=end,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            fix=fix,
            suggestions=finding.suggestions,
            related=tuple(_related(doc, s, e) for s, e in finding.related),
        )


def _related(doc: Document, start: int, end: int) -> Related:
    """A related place (text-view offsets) in source offsets, lines and columns."""
    start, end = doc.to_source(start, end)
    line, column = doc.position(start)
    end_line, end_column = doc.position(end)
    return Related(start, end, line, column, end_line, end_column)


def _drop_grammar_overlaps(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """LanguageTool's findings yield to copylint's own on the same text."""
    own = [(d.start, d.end) for d in diagnostics if not d.code.startswith(GRAMMAR_PREFIX)]
    if len(own) == len(diagnostics):
        return diagnostics
    own.sort()
    kept = []
    for d in diagnostics:
        if d.code.startswith(GRAMMAR_PREFIX) and any(
            s < d.end and d.start < e or (s == e == d.start) for s, e in own
        ):
            continue
        kept.append(d)
    return kept
