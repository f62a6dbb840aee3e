"""The contract between rule packs and check kinds: declared codes and typed options.

Each check kind declares the codes it can emit and a frozen options class per
code (copylint/kinds.py).  Packs and ``[rules.X]`` config tables are validated
against it when they load; every mistake is exit 2 with the file, the line
and a "did you mean".
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from copylint.checks import CHECK_KINDS
from copylint.config import Settings
from copylint.engine import load_rule_specs
from copylint.errors import DataFileError
from copylint.kinds import (
    ENGINE_CODES,
    KINDS,
    CaseJoinOptions,
    OptionError,
    RuleOptions,
    build_options,
    option_keys,
)
from copylint.packs import load_packs

from .conftest import ROOT, run_cli

CHECKS_DIR = ROOT / "copylint" / "checks"


def _pack(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "house.yaml"
    path.write_text("rules:\n" + body, encoding="utf-8")
    return path


RULE = """  - code: {code}
    name: house-rule
    check: {check}
    summary: A house rule.
"""


# ------------------------------------------------------------------ the contract
def test_every_check_kind_has_a_contract_and_every_contract_a_kind() -> None:
    assert set(KINDS) == set(CHECK_KINDS) | {"engine"}


def test_every_builtin_rule_is_a_code_its_kind_declares() -> None:
    for spec in load_rule_specs(Settings()):
        cls = KINDS[spec.check].options_for(spec.code)
        assert cls is not None, spec.code
        assert type(spec.options) is cls, spec.code


def test_each_closed_kind_emits_only_its_declared_codes() -> None:
    """The code literals in a kind's modules are the codes its contract declares.

    (A literal outside the contract would be a finding no pack rule can own;
    the engine then crashes placing it.)
    """
    modules = {kind: target.partition(":")[0] for kind, target in CHECK_KINDS.items()}
    for kind, module in modules.items():
        contract = KINDS[kind]
        if contract.open_options is not None:
            continue
        files = sorted(CHECKS_DIR.glob(f"{module}*.py"))
        found = {c for f in files for c in re.findall(r"\"(CL\d{3})\"", f.read_text("utf-8"))}
        assert found, kind
        assert found <= set(contract.codes) | ENGINE_CODES, (kind, found - set(contract.codes))


def test_options_classes_are_frozen_with_defaults() -> None:
    for contract in KINDS.values():
        for cls in [*contract.codes.values(), contract.open_options]:
            if cls is None:
                continue
            instance = cls()  # every field has a default
            fields = dataclasses.fields(instance)
            if fields:
                with pytest.raises(dataclasses.FrozenInstanceError):
                    setattr(instance, fields[0].name, None)


def test_one_key_style_in_every_builtin_pack() -> None:
    keys = [
        k for contract in KINDS.values() for c in contract.codes.values() for k in option_keys(c)
    ]
    assert keys and all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", k) for k in keys)
    for pack in sorted((ROOT / "rules").glob("*.yaml")):
        snake = re.findall(r"(?m)^      ([a-z0-9]+_[a-z0-9_]+):", pack.read_text("utf-8"))
        assert not snake, (pack.name, snake)


def test_build_options_converts_and_rejects() -> None:
    opts = build_options(CaseJoinOptions, {"support-window": 9, "brand-min-zipf": 2})
    assert isinstance(opts, CaseJoinOptions)
    assert opts.support_window == 9 and opts.brand_min_zipf == 2.0
    assert build_options(CaseJoinOptions, {"known-forms": "BitTorrent eBay"}).known_forms == (
        "BitTorrent",
        "eBay",
    )
    with pytest.raises(OptionError, match=r"did you mean 'support-window'"):
        build_options(CaseJoinOptions, {"suport-window": 9})
    with pytest.raises(OptionError, match=r"did you mean 'support-window'"):
        build_options(CaseJoinOptions, {"support_window": 9})  # the old spelling
    with pytest.raises(OptionError, match=r"'brand-min-zipf' must be a number, not a string"):
        build_options(CaseJoinOptions, {"brand-min-zipf": "abc"})
    with pytest.raises(OptionError, match=r"whole number"):
        build_options(CaseJoinOptions, {"support-window": 1.5})
    with pytest.raises(OptionError, match=r"accepted: none"):
        build_options(RuleOptions, {"anything": 1})


# ------------------------------------------------------------------------ packs
def test_a_pack_rule_whose_kind_cannot_emit_its_code_is_a_load_error(tmp_path: Path) -> None:
    pack = _pack(tmp_path, RULE.format(code="CL950", check="residue"))
    with pytest.raises(
        DataFileError, match=r"house.yaml:2: check kind 'residue' cannot emit CL950"
    ):
        load_packs([pack])


def test_an_open_kind_takes_a_new_code_but_not_an_engine_code(tmp_path: Path) -> None:
    body = RULE.format(code="CL950", check="phrases") + "    options:\n      phrases: [foo]\n"
    assert load_packs([_pack(tmp_path, body)])[0].options.phrases == ("foo",)
    body = RULE.format(code="CL004", check="phrases")
    with pytest.raises(DataFileError, match=r"cannot emit CL004: CL004 is reserved"):
        load_packs([_pack(tmp_path, body)])


def test_an_unknown_check_kind_is_named_with_a_hint(tmp_path: Path) -> None:
    pack = _pack(tmp_path, RULE.format(code="CL950", check="phrase"))
    with pytest.raises(
        DataFileError,
        match=r"house.yaml:4: unknown check kind 'phrase' "
        r"\(did you mean 'phrases'\?\)",
    ):
        load_packs([pack])


def test_pack_options_are_checked_with_file_and_line(tmp_path: Path) -> None:
    body = RULE.format(code="CL950", check="phrases") + (
        "    options:\n      phrases: [foo]\n      case_sensitive: true\n"
    )
    with pytest.raises(
        DataFileError,
        match=r"house.yaml:8: rule CL950: unknown option 'case_sensitive' "
        r"\(did you mean 'case-sensitive'\?\)",
    ):
        load_packs([_pack(tmp_path, body)])
    body = RULE.format(code="CL950", check="phrases") + (
        "    options:\n      phrases: [foo]\n      whole-line: 3\n"
    )
    with pytest.raises(DataFileError, match=r"house.yaml:8: .*'whole-line' must be true or false"):
        load_packs([_pack(tmp_path, body)])


def test_a_yaml_boolean_in_a_word_list_is_caught(tmp_path: Path) -> None:
    # YAML 1.1 reads a bare `on` as true: the word would silently become "True".
    body = RULE.format(code="CL950", check="phrases") + "    options:\n      phrases: [on]\n"
    load_packs([_pack(tmp_path, body)])  # phrases items are checked by the kind itself
    pack = tmp_path / "case.yaml"
    pack.write_text(
        RULE.replace("house-rule", "x")
        .format(code="CL212", check="sentence-case")
        .join(["rules:\n", ""])
        + "    options:\n      continuations: [and, on]\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError, match=r"item True: quote it"):
        load_packs([pack])


# ----------------------------------------------------------------------- config
def _config(tmp_path: Path, body: str) -> Path:
    (tmp_path / "copylint.toml").write_text(body, encoding="utf-8")
    (tmp_path / "a.txt").write_text("The filmopened today.\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "[rules.CL201]\nsuport-window = 9\n",
            r"copylint.toml:2: \[rules.CL201\]: unknown option 'suport-window' "
            r"\(did you mean 'support-window'\?\)",
        ),
        (
            "[rules.CL201]\nsupport_window = 9\n",
            r"copylint.toml:2: .*did you mean 'support-window'",
        ),
        (
            '# house rules\n[rules.CL201]\n\nbrand-min-zipf = "abc"\n',
            r"copylint.toml:4: \[rules.CL201\]: option 'brand-min-zipf' must be a number",
        ),
        (
            "[rules.CL212]\nabbreviations = 5\n",
            r"copylint.toml:2: .*'abbreviations' must be a list of strings, not a number",
        ),
        (
            "[rules.residue-ui-phraze]\nphrases = []\n",
            r"copylint.toml:1: \[rules.residue-ui-phraze\] names no known rule code or name "
            r"\(did you mean 'residue-ui-phrase'\?\)",
        ),
        (
            '[rules.sentence-case]\nseverity = "fatal"\n',
            r"copylint.toml:2: \[rules.sentence-case\]: ",
        ),
    ],
)
def test_bad_rule_tables_in_config_exit_2_with_line_and_hint(
    tmp_path: Path, body: str, message: str
) -> None:
    root = _config(tmp_path, body)
    proc = run_cli("a.txt", cwd=root)
    assert proc.returncode == 2, proc.stderr
    assert re.search(message, proc.stderr), proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_a_valid_rule_table_changes_the_typed_option(tmp_path: Path) -> None:
    settings = Settings(rule_options={"CL201": {"support-window": 9}}, config_path="c.toml")
    spec = next(s for s in load_rule_specs(settings) if s.code == "CL201")
    assert isinstance(spec.options, CaseJoinOptions)
    assert spec.options.support_window == 9
    assert spec.options.name_prefixes  # the pack's word lists are kept
    untouched = next(s for s in load_rule_specs(Settings()) if s.code == "CL201")
    assert untouched.options.support_window == CaseJoinOptions().support_window
