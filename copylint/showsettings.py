"""``--show-settings FILE``: the settings that apply to one file, and where each came from.

Each setting is printed as TOML a user could paste into ``copylint.toml``,
followed by its origin: ``default``, the config file (with its line), or the
command line.
"""

from __future__ import annotations

import enum
import json
import tomllib
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config import Settings

if TYPE_CHECKING:
    from .api import Options, Session

# Settings fields shown, with their config key (the others are internal).
_KEYS = {
    "select": "select",
    "ignore": "ignore",
    "fail_on": "fail-on",
    "knowledge": "knowledge",
    "rule_packs": "rule-packs",
    "exclude": "exclude",
    "accept": "accept",
    "per_file_ignores": "per-file-ignores",
    "report_unused_suppressions": "report-unused-suppressions",
    "grammar": "grammar",
    "rule_options": "rules",
}
# Command-line options that set (or add to) a setting.
_FROM_OPTIONS = {
    "select": lambda o: o.select is not None,
    "ignore": lambda o: bool(o.extend_ignore),
    "knowledge": lambda o: bool(o.knowledge),
    "fail_on": lambda o: bool(o.fail_on),
    "report_unused_suppressions": lambda o: bool(o.report_unused_suppressions),
}


def _config_table(path: str | None) -> dict[str, Any]:
    """The copylint table of a config file (already validated when it was loaded)."""
    if path is None:
        return {}
    data = tomllib.loads(Path(path).read_text(encoding="utf-8-sig"))
    if Path(path).name == "pyproject.toml":
        table = data.get("tool", {}).get("copylint", {})
        return table if isinstance(table, dict) else {}
    return data


def _line(path: str, key: str) -> int | None:
    for number, text in enumerate(Path(path).read_text(encoding="utf-8-sig").splitlines(), 1):
        stripped = text.strip()
        if stripped.startswith((f"{key} ", f"{key}=", f"[{key}", f'"{key}"')):
            return number
    return None


def _toml_value(value: Any) -> str:
    if isinstance(value, enum.Enum):
        return json.dumps(str(value))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        pairs = (f"{json.dumps(str(k))} = {_toml_value(v)}" for k, v in value.items())
        return "{ " + ", ".join(pairs) + " }"
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)


def describe_settings(session: Session, options: Options, path: str) -> str:
    """The settings for ``path`` as annotated TOML."""
    settings = session.settings_for(path)
    config = settings.config_path
    table = _config_table(config)
    lines = [f"# Settings for {path}", f"# Config file: {config or 'none'}"]
    for field in fields(Settings):
        key = _KEYS.get(field.name)
        if key is None:
            continue
        value = getattr(settings, field.name)
        if field.name == "per_file_ignores":
            value = {pattern: list(codes) for pattern, codes in value}
        elif field.name in ("rule_options", "grammar"):
            value = {k: dict(v) if isinstance(v, dict) else v for k, v in dict(value).items()}
        if _FROM_OPTIONS.get(field.name, lambda o: False)(options):
            origin = "command line" + (" (added to the config's)" if key in table else "")
        elif config is not None and key in table:
            line = _line(config, key)
            origin = f"{config}:{line}" if line else config
        else:
            origin = "default"
        lines.append(f"{key} = {_toml_value(value)}  # {origin}")
    return "\n".join(lines) + "\n"
