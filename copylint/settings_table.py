"""The one table of settings: config key, type, default, command-line flag and help.

:mod:`copylint.config` validates config files from it (known keys, types);
:mod:`copylint.cli` builds the click options of the settings that have a flag
from it (:func:`click_options`).  A setting is added here once, not in the
config loader, the CLI, the API options and the docs separately.

Only the command line's run controls that are not settings (``--format``,
``--fix``, ``--jobs`` …) are declared in the CLI itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from .records import record

#: How a value is read from config and the command line.
#: codes/strings: a list of strings (a lone string is a list of one);
#: paths: the same, relative to the config file, globs expanded;
#: table: a TOML table, validated by its own reader.
Kind = Literal["codes", "strings", "paths", "bool", "severity", "choice", "str", "table"]


@record
class Setting:
    """One setting: where it is written and what it takes."""

    key: str  #: the config key (kebab-case)
    field: str  #: the attribute of config.Settings that holds it
    kind: Kind
    default: Any
    help: str
    #: command-line spellings (none: config only)
    flags: tuple[str, ...] = ()
    #: the click parameter's name, when it is not the key in snake_case
    param: str | None = None
    metavar: str | None = None
    choices: tuple[str, ...] = ()
    #: "grammar": handed to the grammar settings (docs/grammar.md) as they are
    group: str = ""

    @property
    def param_name(self) -> str:
        """The keyword the CLI function receives this setting's value by."""
        return self.param or self.key.replace("-", "_")


SEVERITIES = ("error", "warning", "info")

SETTINGS: tuple[Setting, ...] = (
    Setting(
        "select",
        "select",
        "codes",
        (),
        "Only these rule codes, prefixes or names (comma-separated, repeatable).",
        flags=("--select",),
        metavar="CODES",
    ),
    Setting(
        "ignore",
        "ignore",
        "codes",
        (),
        "Skip these rule codes, prefixes or names (comma-separated, repeatable).",
        flags=("--ignore",),
        metavar="CODES",
    ),
    Setting(
        "fail-on",
        "fail_on",
        "severity",
        "warning",
        "Lowest severity that makes the exit code 1 (default: warning).",
        flags=("--fail-on",),
        choices=SEVERITIES,
    ),
    Setting(
        "knowledge",
        "knowledge",
        "paths",
        (),
        "Knowledge file (YAML) with canonical names and facts.",
        flags=("--knowledge", "-k"),
        metavar="FILE",
    ),
    Setting("rule-packs", "rule_packs", "paths", (), "Your own rule packs (YAML)."),
    Setting("exclude", "exclude", "strings", (), "Globs of files and folders not to lint."),
    Setting("accept", "accept", "strings", (), "Words and names never flagged."),
    Setting(
        "accept-files", "accept", "paths", (), "Files of accepted words, one a line (# comments)."
    ),
    Setting(
        "per-file-ignores",
        "per_file_ignores",
        "table",
        {},
        "Glob -> codes not reported in matching files.",
    ),
    Setting("rules", "rule_options", "table", {}, "Per-rule options: [rules.CODE] or NAME."),
    Setting(
        "report-unused-suppressions",
        "report_unused_suppressions",
        "bool",
        False,
        "Report inline suppressions that silenced nothing (CL003).",
        flags=("--report-unused-suppressions",),
    ),
    Setting(
        "grammar",
        "grammar",
        "choice",
        "off",
        "Grammar and spelling through LanguageTool (CL5xx); default: config, else off.",
        flags=("--grammar",),
        param="grammar_mode",
        choices=("off", "local", "remote"),
        group="grammar",
    ),
    Setting(
        "languagetool-url",
        "grammar",
        "str",
        None,
        "LanguageTool server for --grammar remote (implies it when grammar is off).",
        flags=("--languagetool-url",),
        metavar="URL",
        group="grammar",
    ),
    Setting(
        "language",
        "grammar",
        "str",
        "en-US",
        "LanguageTool language, e.g. en-US, en-GB.",
        flags=("--language",),
        metavar="CODE",
        group="grammar",
    ),
    Setting(
        "grammar-options",
        "grammar",
        "table",
        {},
        "LanguageTool rules, categories, picky, timeouts (docs/grammar.md).",
        group="grammar",
    ),
)

BY_KEY: dict[str, Setting] = {s.key: s for s in SETTINGS}


def config_keys() -> frozenset[str]:
    """Every key a config file may hold."""
    return frozenset(BY_KEY)


def grammar_keys() -> tuple[str, ...]:
    """Top-level config keys handed to the grammar settings as they are."""
    return tuple(s.key for s in SETTINGS if s.group == "grammar" and s.kind != "table")


def click_options() -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """A decorator adding a click option for every setting with a flag, in table order."""
    import click

    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        for setting in reversed(SETTINGS):  # decorators apply bottom-up
            if not setting.flags:
                continue
            kwargs: dict[str, Any] = {"help": setting.help}
            if setting.metavar:
                kwargs["metavar"] = setting.metavar
            if setting.kind == "codes":
                kwargs["multiple"] = True
            elif setting.kind == "paths":
                kwargs.update(multiple=True, type=click.Path(dir_okay=False))
            elif setting.kind == "bool":
                kwargs["is_flag"] = True
            elif setting.kind in ("severity", "choice"):
                kwargs["type"] = click.Choice(list(setting.choices))
            function = click.option(*setting.flags, setting.param_name, **kwargs)(function)
        return function

    return decorate
