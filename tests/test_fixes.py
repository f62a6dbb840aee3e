"""apply_fixes, fix_text, match_case, unified_diff and fix_file on small real cases."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from copylint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from copylint.errors import CopylintError
from copylint.fixes import (
    FixDidNotConverge,
    apply_fixes,
    fix_file,
    fix_text,
    match_case,
    unified_diff,
)
from copylint.sources import WriteError, read_source

SAFE, UNSAFE, DISPLAY = Applicability.SAFE, Applicability.UNSAFE, Applicability.DISPLAY


def fx(*edits: Edit, app: Applicability = SAFE, title: str = "fix") -> Fix:
    return Fix(title, tuple(edits), app)


def diag(code: str, start: int, end: int, fix: Fix | None) -> Diagnostic:
    return Diagnostic(
        "<t>", code, code.lower(), Severity.WARNING, "msg", start, end, 1, 1, 1, 1, fix
    )


def regex_rule(
    code: str, pattern: str, repl: str, app: Applicability = SAFE
) -> Callable[[str], list[Diagnostic]]:
    """A tiny real rule: every match of ``pattern`` is replaced by ``repl``."""
    rx = re.compile(pattern)

    def lint(text: str) -> list[Diagnostic]:
        return [
            diag(code, m.start(), m.end(), fx(Edit(m.start(), m.end(), m.expand(repl)), app=app))
            for m in rx.finditer(text)
        ]

    return lint


def combine(*rules: Callable[[str], list[Diagnostic]]) -> Callable[[str], list[Diagnostic]]:
    def lint(text: str) -> list[Diagnostic]:
        out = [d for r in rules for d in r(text)]
        return sorted(out, key=lambda d: (d.start, d.end, d.code))

    return lint


# ------------------------------------------------------------------ apply_fixes


def test_non_overlapping_fixes_all_applied() -> None:
    text = "teh cat and teh dog"
    fixes = [fx(Edit(0, 3, "the")), fx(Edit(12, 15, "the"))]
    res = apply_fixes(text, fixes)
    assert res.text == "the cat and the dog"
    assert res.applied == fixes and res.skipped == []


def test_overlapping_fix_skipped_first_wins() -> None:
    text = "abcdef"
    first, second = fx(Edit(1, 4, "X")), fx(Edit(3, 5, "Y"))
    res = apply_fixes(text, [second, first])  # order by position, not by list order
    assert res.text == "aXef"
    assert res.applied == [first] and res.skipped == [second]


def test_touching_replacements_of_two_fixes_wait_for_the_next_pass() -> None:
    first, second = fx(Edit(0, 2, "X")), fx(Edit(2, 4, "Y"))
    res = apply_fixes("abcd", [first, second])
    assert res.text == "Xcd" and res.skipped == [second]


def test_touching_deletions_apply_together() -> None:
    # a block of junk lines, one finding per line, goes in one pass
    lines = ["Home\n", "News\n", "Sport\n", "Weather\n"]
    text = "Story.\n" + "".join(lines) + "End.\n"
    fixes, pos = [], len("Story.\n")
    for line in lines:
        fixes.append(fx(Edit(pos, pos + len(line), "")))
        pos += len(line)
    res = apply_fixes(text, fixes)
    assert res.text == "Story.\nEnd.\n" and not res.skipped


def test_deletion_touching_a_replacement_waits() -> None:
    gone, repl = fx(Edit(0, 2, "")), fx(Edit(2, 4, "Y"))
    res = apply_fixes("abcd", [gone, repl])
    assert res.text == "cd" and res.skipped == [repl]


def test_two_insertions_at_same_offset_conflict() -> None:
    a, b = fx(Edit(2, 2, "1")), fx(Edit(2, 2, "2"))
    res = apply_fixes("abcd", [a, b])
    assert res.text == "ab1cd" and res.skipped == [b]


def test_insertion_at_boundary_of_another_fix_conflicts() -> None:
    rep, before, after = fx(Edit(2, 4, "XY")), fx(Edit(2, 2, "<")), fx(Edit(4, 4, ">"))
    res = apply_fixes("abcdef", [rep, before, after])
    assert res.text == "abXYef" and res.applied == [rep]  # same start: first listed wins
    assert res.skipped == [before, after]


def test_safer_fix_wins_a_conflict() -> None:
    guess = fx(Edit(0, 8, "The Final"), app=UNSAFE)  # starts first, but only a guess
    space = fx(Edit(8, 8, " "), app=SAFE)
    res = apply_fixes("Part Twois", [guess, space])
    assert res.text == "Part Two is" and res.applied == [space] and res.skipped == [guess]


def test_unsafe_replacement_is_relinted_after_safe_insertion() -> None:
    lint = combine(
        regex_rule("CL960", r"Part Two(?=\b| |is)", "Final Reckoning", UNSAFE),
        regex_rule("CL961", r"(?<=Two)(?=is\b)", " ", SAFE),
    )
    out = fix_text("Part Twois out", lint, unsafe=True)
    assert out.text == "Final Reckoning is out"


def test_touching_edits_within_one_fix_apply_together() -> None:
    # a fix's own edits were designed together: insertions at its boundaries are fine
    wrap = fx(Edit(2, 2, "<"), Edit(2, 4, "XY"), Edit(4, 4, ">"), Edit(4, 5, "E"))
    res = apply_fixes("abcdef", [wrap])
    assert res.text == "ab<XY>Ef" and res.applied == [wrap]


def test_touching_fixes_are_relinted_instead_of_combined() -> None:
    # A credit glued to the next sentence: one rule deletes the credit, another
    # inserts ". " where "acme" runs into "The".  Applied together they would
    # leave "here. . The"; deferred, the second no longer fires.
    text = "It ends here. Released by acmeThe next one."
    lint = combine(
        regex_rule("CL950", r"Released by [a-z]+", ""),
        regex_rule("CL951", r"(?<=[a-z])(?=[A-Z])", ". "),
    )
    out = fix_text(text, lint)
    assert out.text == "It ends here. The next one."
    assert out.applied_codes == {"CL950": 1}


def test_insertion_strictly_inside_replacement_conflicts() -> None:
    rep, ins = fx(Edit(1, 5, "X")), fx(Edit(3, 3, "!"))
    res = apply_fixes("abcdef", [rep, ins])
    assert res.text == "aXf" and res.skipped == [ins]


def test_multi_edit_fix_is_all_or_nothing() -> None:
    text = '"quoted" text'
    quotes = fx(Edit(0, 1, "“"), Edit(7, 8, "”"))
    blocker = fx(Edit(6, 8, "D!"))  # overlaps the closing-quote edit only
    res = apply_fixes(text, [blocker, quotes])
    # the blocker starts later, so quotes win; blocker is skipped whole
    assert res.text == "“quoted” text" and res.skipped == [blocker]


def test_out_of_range_and_noop_fixes_skipped_without_raising() -> None:
    bad, noop = fx(Edit(2, 99, "x")), fx(Edit(0, 1, "a"))
    res = apply_fixes("abc", [bad, noop])
    assert (
        res.text == "abc" and res.applied == [] and res.skipped == [noop, bad]
    )  # in position order


def test_self_conflicting_fix_skipped() -> None:
    f = fx(Edit(0, 2, "X"), Edit(1, 3, "Y"))
    res = apply_fixes("abcd", [f])
    assert res.text == "abcd" and res.skipped == [f]


def test_crlf_outside_edits_untouched() -> None:
    text = "one  two\r\nthree\r\n"
    res = apply_fixes(text, [fx(Edit(3, 5, " "))])
    assert res.text == "one two\r\nthree\r\n"


# ------------------------------------------------------------------ fix_text


def test_fix_text_converges_over_passes() -> None:
    # collapsing runs of spaces two at a time takes several passes
    lint = regex_rule("CL900", "  ", " ")
    out = fix_text("a" + " " * 9 + "b", lint)
    assert out.text == "a b"
    assert out.passes >= 2 and out.remaining == []
    assert out.applied_codes == {"CL900": out.applied_count}


def test_fix_text_only_safe_unless_unsafe() -> None:
    lint = combine(
        regex_rule("CL901", r"\bteh\b", "the", SAFE),
        regex_rule("CL902", r"\butilize\b", "use", UNSAFE),
        regex_rule("CL903", r"\bvery\b", "", DISPLAY),
    )
    text = "teh plan: utilize very little"
    safe = fix_text(text, lint, unsafe=False)
    assert safe.text == "the plan: utilize very little"
    assert sorted(d.code for d in safe.remaining) == ["CL902", "CL903"]
    both = fix_text(text, lint, unsafe=True)
    assert both.text == "the plan: use very little"
    assert [d.code for d in both.remaining] == ["CL903"]  # DISPLAY never applied


def test_fix_is_idempotent() -> None:
    lint = combine(regex_rule("CL901", r"\bteh\b", "the"), regex_rule("CL900", "  +", " "))
    once = fix_text("teh  cat  and teh   dog", lint).text
    assert fix_text(once, lint).text == once
    assert fix_text(once, lint).applied_count == 0


def test_oscillating_rules_raise_with_both_codes() -> None:
    lint = combine(
        regex_rule("CL910", r"\bcolour\b", "color"), regex_rule("CL911", r"\bcolor\b", "colour")
    )
    with pytest.raises(FixDidNotConverge) as exc:
        fix_text("the colour red", lint, path="a.txt")
    assert exc.value.codes == ("CL910", "CL911")
    assert "a.txt" in str(exc.value) and "CL910, CL911" in str(exc.value)
    assert isinstance(exc.value, CopylintError)


def test_growing_rule_hits_the_cap() -> None:
    def lint(text: str) -> list[Diagnostic]:
        return [diag("CL920", 0, 0, fx(Edit(0, 0, "x")))]

    with pytest.raises(FixDidNotConverge) as exc:
        fix_text("", lint, max_passes=4)
    assert exc.value.codes == ("CL920",) and exc.value.passes == 4


# ------------------------------------------------------------------ match_case


@pytest.mark.parametrize(
    ("original", "replacement", "expected"),
    [
        ("cruz", "cruise", "cruise"),
        ("CRUZ", "CRUISE", "CRUISE"),
        ("CRUZ", "cruise", "CRUISE"),
        ("Cruz", "cruise", "Cruise"),
        ("teh", "the", "the"),
        ("Teh", "the", "The"),
        ("mcdonald", "McDonald", "McDonald"),  # the replacement's own capitals are kept
        ("Mcdonald", "mcDonald", "McDonald"),
        ("I", "me", "Me"),  # one capital letter is an initial capital, not ALL CAPS
        ("tEH", "the", "the"),
        ("", "x", "x"),
        ("'Teh", "the", "The"),  # leading punctuation is not a letter
    ],
)
def test_match_case(original: str, replacement: str, expected: str) -> None:
    assert match_case(original, replacement) == expected


# ------------------------------------------------------------------ unified_diff


def test_unified_diff_matches_gnu_diff(tmp_path: Path) -> None:
    old = "line one\nteh two\nline three\nno newline"
    new = "line one\nthe two\nline three\nno newline!"
    ours = unified_diff("f.txt", old, new)
    a, b = tmp_path / "a", tmp_path / "b"
    a.write_text(old)
    b.write_text(new)
    try:
        gnu = subprocess.run(
            ["diff", "-u", "--label", "a/f.txt", "--label", "b/f.txt", str(a), str(b)],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
    except FileNotFoundError:
        pytest.skip("GNU diff not installed")
    assert ours == gnu


def test_unified_diff_empty_when_equal_and_keeps_crlf() -> None:
    assert unified_diff("f", "same\r\n", "same\r\n") == ""
    d = unified_diff("f", "a\r\nteh\r\n", "a\r\nthe\r\n")
    assert "-teh\r\n" in d and "+the\r\n" in d


# ------------------------------------------------------------------ fix_file


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (b"teh cat\r\nteh dog\r\n", None),
        (b"\xef\xbb\xbfteh cat\r\nteh dog", None),
        (b"\xff\xfe" + "teh cat\r\nteh dog\n".encode("utf-16-le"), None),
        ("teh café\rteh\n".encode("latin-1"), "latin-1"),
    ],
)
def test_fix_file_round_trips_bytes_outside_edits(
    tmp_path: Path, raw: bytes, encoding: str | None
) -> None:
    p = tmp_path / "f.txt"
    p.write_bytes(raw)
    p.chmod(0o600)
    res = fix_file(p, regex_rule("CL901", r"\bteh\b", "the"), encoding=encoding)
    assert res.written and res.outcome.applied_count == 2
    expected = raw.replace(b"teh", b"the").replace("teh".encode("utf-16-le"), b"t\0h\0e\0")
    assert p.read_bytes() == expected
    assert p.stat().st_mode & 0o777 == 0o600


def test_fix_file_without_findings_is_not_written(tmp_path: Path) -> None:
    p = tmp_path / "f.txt"
    p.write_bytes(b"clean\r\n")
    before = p.stat().st_mtime_ns
    res = fix_file(p, regex_rule("CL901", r"\bteh\b", "the"))
    assert not res.written and not res.changed
    assert p.read_bytes() == b"clean\r\n" and p.stat().st_mtime_ns == before


def test_fix_file_unencodable_replacement_refused(tmp_path: Path) -> None:
    p = tmp_path / "f.txt"
    p.write_bytes(b'say "hi"\n')
    with pytest.raises(WriteError, match="cannot encode"):
        fix_file(p, regex_rule("CL930", '"', "\u201c"), encoding="ascii")
    assert p.read_bytes() == b'say "hi"\n'


def test_fix_file_changed_between_read_and_write(tmp_path: Path) -> None:
    p = tmp_path / "f.txt"
    p.write_bytes(b"teh cat\n")

    def lint_and_meddle(text: str) -> list[Diagnostic]:
        # someone saves the file while we are fixing it
        if read_source(p).text == "teh cat\n":
            p.write_bytes(b"teh cat, edited elsewhere\n")
        return regex_rule("CL901", r"\bteh\b", "the")(text)

    with pytest.raises(WriteError, match="changed on disk since it was read"):
        fix_file(p, lint_and_meddle)
    assert p.read_bytes() == b"teh cat, edited elsewhere\n"


def test_fix_file_not_converging_leaves_file(tmp_path: Path) -> None:
    p = tmp_path / "f.txt"
    p.write_bytes(b"the colour\n")
    lint = combine(
        regex_rule("CL910", r"\bcolour\b", "color"), regex_rule("CL911", r"\bcolor\b", "colour")
    )
    with pytest.raises(FixDidNotConverge):
        fix_file(p, lint)
    assert p.read_bytes() == b"the colour\n"
