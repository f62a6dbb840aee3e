"""Configuration: ``copylint.toml`` or ``[tool.copylint]`` in ``pyproject.toml``.

Discovery walks up from a directory to the filesystem root; the closest file
wins.  Every key is validated: unknown keys and wrong types are errors that
name the file, the key, its line and a "did you mean" hint.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import field
from pathlib import Path
from typing import Any

from .datafile import read_data_file
from .diagnostics import Severity
from .errors import DataFileError, did_you_mean
from .records import record
from .settings_table import BY_KEY, config_keys, grammar_keys

CONFIG_NAMES = ("copylint.toml", ".copylint.toml", "pyproject.toml")


@record
class Settings:
    """Resolved settings for a run (config file merged with command-line options).

    Paths (knowledge, rule packs) are absolute, resolved against the config
    file's directory.  ``rule_options`` maps a rule code or name to option
    overrides; the key ``severity`` in it overrides the rule's severity.
    """

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity = Severity.WARNING
    knowledge: tuple[str, ...] = ()
    rule_packs: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = ()
    accept: tuple[str, ...] = ()
    #: the files ``accept`` was read from: a language server reloads when one changes
    accept_files: tuple[str, ...] = ()
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    grammar: Mapping[str, Any] = field(default_factory=dict)
    report_unused_suppressions: bool = False
    config_path: str | None = None

    @property
    def root(self) -> Path:
        """The directory that relative patterns (exclude, per-file-ignores) are taken from."""
        return Path(self.config_path).parent if self.config_path else Path.cwd()


# Every key, its type and default: the one table of settings (the CLI's flags come from it too).
_KNOWN_KEYS = config_keys()
_GRAMMAR_KEYS = grammar_keys()


def find_config(start: Path) -> Path | None:
    """The closest config file at or above ``start`` (a directory), or None.

    A ``pyproject.toml`` counts only when it has a ``[tool.copylint]`` table.
    """
    start = start.resolve()
    for directory in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            if not candidate.is_file():
                continue
            if name != "pyproject.toml":
                return candidate
            try:
                if "[tool.copylint" in candidate.read_text(encoding="utf-8", errors="replace"):
                    return candidate
            except OSError:
                continue
    return None


def _line_of(text: str, key: str) -> int | None:
    pattern = re.compile(rf"^[ \t]*[\"']?{re.escape(key)}[\"']?[ \t]*=", re.M)
    m = pattern.search(text)
    if m is None:
        m = re.search(rf"^[ \t]*\[[^\]\n]*{re.escape(key)}[^\]\n]*\]", text, re.M)
    return text.count("\n", 0, m.start()) + 1 if m else None


def _config_text(path: str | None) -> str | None:
    """A config file's text again, for the line numbers of error messages (TOML parsing
    forgets lines); None when there is no file or it cannot be read any more."""
    if not path:
        return None
    try:
        return read_data_file(path).decode("utf-8-sig")
    except (DataFileError, UnicodeDecodeError):
        return None


def line_in_table(path: str | None, table: str, key: str | None = None) -> int | None:
    """The line of ``key`` in the config table ``[...rules.<table>]`` (or of the table).

    Only for error messages, so the file is read again here rather than kept:
    TOML parsing forgets lines.  None when the file cannot be read or the
    table is written inline.
    """
    text = _config_text(path)
    if text is None:
        return None
    header = re.compile(
        rf"^[ \t]*\[[^\]\n]*\brules\.[\"']?{re.escape(table)}[\"']?[ \t]*\][ \t]*(?:#.*)?$",
        re.M,
    )
    m = header.search(text)
    if m is None:
        return _line_of(text, table)
    table_line = text.count("\n", 0, m.start()) + 1
    if key is None:
        return table_line
    rest = text[m.end() :]
    end = re.search(r"^[ \t]*\[", rest, re.M)
    body = rest[: end.start()] if end else rest
    k = re.search(rf"^[ \t]*[\"']?{re.escape(key)}[\"']?[ \t]*=", body, re.M)
    if k is None:
        return table_line
    return table_line + body.count("\n", 0, k.start())


def line_of_value(path: str | None, value: str) -> int | None:
    """The first line of a config file holding the string ``value`` quoted (for errors)."""
    text = _config_text(path)
    if text is None:
        return None
    m = re.search(rf"[\"']{re.escape(value)}[\"']", text, re.IGNORECASE)
    return text.count("\n", 0, m.start()) + 1 if m else None


def load_config(path: Path) -> Settings:
    """Read and validate one config file."""
    name = str(path)
    try:
        raw_text = read_data_file(path).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataFileError(name, "not valid UTF-8") from None
    # Here, not at the top: a run without a config file (a pre-commit hook's
    # isolated run, a project without [tool.copylint]) need not import it.
    import tomllib

    try:
        data = tomllib.loads(raw_text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        line = int(m.group(1)) if m else raw_text.rstrip("\n").count("\n") + 1
        raise DataFileError(name, f"invalid TOML: {exc}", line) from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("copylint")
        if table is None:
            return Settings(config_path=name)
    else:
        table = data
    return parse_settings(table, name, raw_text)


def parse_settings(table: Mapping[str, Any], name: str, raw_text: str = "") -> Settings:
    """Validate a config table (already parsed TOML) into Settings."""
    base = Path(name).resolve().parent

    def fail(key: str, message: str) -> DataFileError:
        return DataFileError(name, message, _line_of(raw_text, key))

    for key, value in table.items():
        setting = BY_KEY.get(key)
        if setting is None:
            raise fail(key, f"unknown key {key!r}{did_you_mean(key, _KNOWN_KEYS)}")
        if setting.kind == "bool" and not isinstance(value, bool):
            raise fail(key, f"{key!r} must be true or false")

    def str_list(key: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(key, f"{key!r} must be a list of strings")
        return tuple(value)

    def paths(key: str) -> tuple[str, ...]:
        out: list[str] = []
        for pattern in str_list(key):
            if any(ch in pattern for ch in "*?["):
                matches = sorted(str(p) for p in base.glob(pattern))
                if not matches:
                    raise fail(key, f"{key!r}: no file matches {pattern!r}")
                out.extend(matches)
            else:
                out.append(str((base / pattern).resolve()))
        return tuple(out)

    fail_on = Severity.WARNING
    if "fail-on" in table:
        try:
            fail_on = Severity.parse(str(table["fail-on"]))
        except ValueError as exc:
            raise fail("fail-on", str(exc)) from None

    pfi_raw = table.get("per-file-ignores", {})
    if not isinstance(pfi_raw, dict):
        raise fail("per-file-ignores", "'per-file-ignores' must map glob patterns to code lists")
    per_file = []
    for pattern, codes in pfi_raw.items():
        if isinstance(codes, str):
            codes = [codes]
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            raise fail(pattern, f"per-file-ignores {pattern!r} must be a list of codes")
        per_file.append((pattern, tuple(codes)))

    rules_raw = table.get("rules", {})
    if not isinstance(rules_raw, dict) or not all(isinstance(v, dict) for v in rules_raw.values()):
        raise fail("rules", "'rules' must be a table of per-rule tables, e.g. [rules.CL301]")

    accept = list(str_list("accept"))
    accept_files = paths("accept-files")
    for accept_file in accept_files:
        try:
            lines = read_data_file(accept_file).decode("utf-8").splitlines()
        except DataFileError as exc:
            raise fail("accept-files", f"cannot read accept file {exc}") from None
        except UnicodeDecodeError as exc:
            raise fail("accept-files", f"cannot read accept file {accept_file}: {exc}") from None
        accept += [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]

    grammar: dict[str, Any] = {k: table[k] for k in _GRAMMAR_KEYS if k in table}
    options = table.get("grammar-options", {})
    if not isinstance(options, dict):
        raise fail("grammar-options", "'grammar-options' must be a table")
    grammar.update(options)

    return Settings(
        report_unused_suppressions=table.get("report-unused-suppressions", False),
        select=str_list("select"),
        ignore=str_list("ignore"),
        fail_on=fail_on,
        knowledge=paths("knowledge"),
        rule_packs=paths("rule-packs"),
        per_file_ignores=tuple(per_file),
        exclude=str_list("exclude"),
        accept=tuple(accept),
        accept_files=accept_files,
        rule_options={k: dict(v) for k, v in rules_raw.items()},
        grammar=grammar,
        config_path=name,
    )
