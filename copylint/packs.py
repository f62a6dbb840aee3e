"""Rule packs: YAML files that declare rules (code, name, severity, options, examples).

A pack is data.  Each rule names a *check kind* (``check:``) implemented in
``copylint/checks``; the pack supplies the rule's metadata and options.  The
built-in packs live in the repository's ``rules/`` folder and ship inside the
wheel as ``copylint/_rules``; users add their own packs by path.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import field
from pathlib import Path
from typing import Any

from .diagnostics import Applicability, Severity
from .errors import DataFileError, did_you_mean
from .kinds import KINDS, OptionError, RuleOptions, build_options
from .records import record
from .structure import parse_scope
from .yamlsource import LineDict, LineList, load_yaml_file

CODE_RE = re.compile(r"^CL[0-9]{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")

_RULE_KEYS = {
    "code",
    "name",
    "check",
    "severity",
    "fix",
    "summary",
    "explanation",
    "options",
    "examples",
    "scope",
}


@record
class RuleSpec:
    """A rule as a pack declares it."""

    code: str
    name: str
    check: str
    severity: Severity
    fix: Applicability
    summary: str
    explanation: str = ""
    #: the rule's options, validated against its check kind's options class
    options: RuleOptions = field(default_factory=RuleOptions)
    examples_flag: tuple[str, ...] = ()
    examples_pass: tuple[str, ...] = ()
    #: (text, the text after the rule's fixes, safe and unsafe, until nothing changes)
    examples_fix: tuple[tuple[str, str], ...] = ()
    pack: str = ""
    line: int = 0
    #: the block kinds the rule reads (see :mod:`copylint.structure`); () means all
    scope: tuple[str, ...] = ()


def builtin_rules_dir() -> Path:
    """Where the built-in packs are: inside the installed wheel, or the source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_rules", here.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise DataFileError(
        str(here / "_rules"), "built-in rule packs are missing from the installation"
    )


def builtin_pack_paths() -> list[Path]:
    """The built-in pack files, in a stable order."""
    return sorted(builtin_rules_dir().glob("*.yaml"))


def _require_str(obj: LineDict, key: str, path: str, *, default: str | None = None) -> str:
    if key not in obj:
        if default is not None:
            return default
        raise DataFileError(path, f"rule is missing {key!r}", obj.line)
    value = obj[key]
    if not isinstance(value, str) or not value.strip():
        raise DataFileError(path, f"{key!r} must be a non-empty string", obj.line_of(key))
    return value.strip()


Examples = tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, str], ...]]


def _examples(obj: LineDict, path: str) -> Examples:
    """The rule's examples: texts it flags, texts it passes, and fix examples.

    A fix example is ``{text: …, fixed: …}``: a text the rule flags and what
    its fixes (safe and unsafe, until nothing changes) make of it.
    """
    ex = obj.get("examples")
    if ex is None:
        return (), (), ()
    if not isinstance(ex, dict):
        raise DataFileError(
            path, "'examples' must be a mapping with 'flag' and 'pass'", obj.line_of("examples")
        )
    unknown = set(ex) - {"flag", "pass", "fix"}
    if unknown:
        key = sorted(unknown)[0]
        line = ex.line_of(key) if isinstance(ex, LineDict) else obj.line_of("examples")
        raise DataFileError(
            path,
            f"unknown key in examples: {key!r}{did_you_mean(key, ('flag', 'pass', 'fix'))}",
            line,
        )
    out = []
    for key in ("flag", "pass"):
        items = ex.get(key, [])
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            line = ex.line_of(key) if isinstance(ex, LineDict) else obj.line_of("examples")
            raise DataFileError(path, f"'examples.{key}' must be a list of strings", line)
        out.append(tuple(items))
    fixes = ex.get("fix", [])
    where = ex.line_of("fix") if isinstance(ex, LineDict) else obj.line_of("examples")
    if not isinstance(fixes, list):
        raise DataFileError(path, "'examples.fix' must be a list of {text, fixed} pairs", where)
    pairs = []
    for i, item in enumerate(fixes):
        line = fixes.item_lines[i] if isinstance(fixes, LineList) else where
        if (
            not isinstance(item, dict)
            or set(item) != {"text", "fixed"}
            or not all(isinstance(v, str) for v in item.values())
        ):
            raise DataFileError(
                path, "each 'examples.fix' item must be {text: ..., fixed: ...} (two strings)", line
            )
        pairs.append((item["text"], item["fixed"]))
    return out[0], out[1], tuple(pairs)


def _options(item: LineDict, path: str, code: str, check: str) -> RuleOptions:
    """The rule's options, validated against what its check kind declares."""
    kind = KINDS.get(check)
    if kind is None:
        raise DataFileError(
            path,
            f"unknown check kind {check!r}{did_you_mean(check, KINDS)}"
            f" (known kinds: {', '.join(sorted(KINDS))})",
            item.line_of("check"),
        )
    cls = kind.options_for(code)
    if cls is None:
        if kind.open_options is not None:
            why = f"{code} is reserved for copylint's own reports"
        else:
            why = (
                f"it reports only {', '.join(sorted(kind.codes))}; a new rule takes a code"
                " of its own with a kind that serves any code (phrases)"
            )
        raise DataFileError(
            path, f"check kind {check!r} cannot emit {code}: {why}", item.line_of("code")
        )
    raw = item.get("options", {})
    if not isinstance(raw, dict):
        raise DataFileError(path, "'options' must be a mapping", item.line_of("options"))
    try:
        return build_options(cls, raw)
    except OptionError as exc:
        line = raw.line_of(exc.key.split(".")[0]) if isinstance(raw, LineDict) else None
        raise DataFileError(path, f"rule {code}: {exc}", line) from None


def parse_pack(data: Any, path: str) -> list[RuleSpec]:
    """Validate a loaded pack and return its rules.  Errors name the file and line."""
    if not isinstance(data, LineDict):
        raise DataFileError(path, "a rule pack must be a mapping with a 'rules' list", 1)
    unknown = set(data) - {"pack", "description", "version", "rules", "scope"}
    if unknown:
        key = sorted(unknown)[0]
        raise DataFileError(path, f"unknown top-level key {key!r}", data.line_of(key))
    rules = data.get("rules")
    if not isinstance(rules, LineList):
        raise DataFileError(path, "'rules' must be a list", data.line_of("rules"))
    pack_scope = _scope(data, path)
    specs: list[RuleSpec] = []
    for item, line in zip(rules, rules.item_lines, strict=True):
        if not isinstance(item, LineDict):
            raise DataFileError(path, "each rule must be a mapping", line)
        unknown = set(item) - _RULE_KEYS
        if unknown:
            key = sorted(unknown)[0]
            raise DataFileError(path, f"unknown rule key {key!r}", item.line_of(key))
        code = _require_str(item, "code", path)
        if not CODE_RE.match(code):
            raise DataFileError(
                path, f"rule code {code!r} must look like CL123", item.line_of("code")
            )
        name = _require_str(item, "name", path)
        if not NAME_RE.match(name):
            raise DataFileError(
                path, f"rule name {name!r} must be kebab-case", item.line_of("name")
            )
        try:
            severity = Severity.parse(_require_str(item, "severity", path, default="warning"))
        except ValueError as exc:
            raise DataFileError(path, str(exc), item.line_of("severity")) from None
        try:
            fix = Applicability.parse(_require_str(item, "fix", path, default="display"))
        except ValueError as exc:
            raise DataFileError(path, str(exc), item.line_of("fix")) from None
        check = _require_str(item, "check", path)
        options = _options(item, path, code, check)
        flag, passing, fixing = _examples(item, path)
        specs.append(
            RuleSpec(
                code=code,
                name=name,
                check=check,
                severity=severity,
                fix=fix,
                summary=_require_str(item, "summary", path),
                explanation=str(item.get("explanation", "")).strip(),
                options=options,
                examples_flag=flag,
                examples_pass=passing,
                examples_fix=fixing,
                pack=path,
                line=line,
                scope=_scope(item, path) if "scope" in item else pack_scope,
            )
        )
    return specs


def _scope(obj: LineDict, path: str) -> tuple[str, ...]:
    """The block kinds a ``scope:`` list names (a pack's default or a rule's own)."""
    if "scope" not in obj:
        return ()
    value = obj["scope"]
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise DataFileError(path, "'scope' must be a list of block kinds", obj.line_of("scope"))
    try:
        return tuple(sorted(parse_scope(value)))
    except ValueError as exc:
        raise DataFileError(path, str(exc), obj.line_of("scope")) from None


def load_packs(paths: Iterable[str | Path]) -> list[RuleSpec]:
    """Load packs in order; a code or name declared twice is an error naming both places."""
    specs: list[RuleSpec] = []
    seen_codes: dict[str, RuleSpec] = {}
    seen_names: dict[str, RuleSpec] = {}
    for p in paths:
        for spec in parse_pack(load_yaml_file(p), str(p)):
            for table, key in ((seen_codes, spec.code), (seen_names, spec.name)):
                if key in table:
                    first = table[key]
                    raise DataFileError(
                        spec.pack,
                        f"rule {key} is already declared in {first.pack}:{first.line}",
                        spec.line,
                    )
                table[key] = spec
            specs.append(spec)
    return specs
