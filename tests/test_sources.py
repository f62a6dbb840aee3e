"""Reading files into text and writing them back: encodings, refusals, atomicity."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import pytest

from copylint.errors import CopylintError, InputError
from copylint.sources import (
    SourceText,
    WriteError,
    read_source,
    read_stdin,
    write_atomic,
)

# ------------------------------------------------------------------ reading


def test_utf8_plain_round_trip(tmp_path: Path) -> None:
    raw = "Café – “quoted”\r\nsecond line\n".encode()
    p = tmp_path / "a.txt"
    p.write_bytes(raw)
    src = read_source(p)
    assert src.text == "Café – “quoted”\r\nsecond line\n"  # line ends kept
    assert src.encoding == "utf-8" and src.bom == b""
    assert src.size == len(raw)
    assert src.encode(src.text) == raw


def test_utf8_bom_remembered_and_restored(tmp_path: Path) -> None:
    raw = b"\xef\xbb\xbfHello\r\n"
    p = tmp_path / "bom.txt"
    p.write_bytes(raw)
    src = read_source(p)
    assert src.text == "Hello\r\n"  # the BOM is not part of the text rules see
    assert src.bom == b"\xef\xbb\xbf"
    assert src.encode(src.text) == raw


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_wide_unicode_with_bom(tmp_path: Path, codec: str) -> None:
    text = "Wide text, naïve\r\nline two\n"
    bom = {
        "utf-16-le": b"\xff\xfe",
        "utf-16-be": b"\xfe\xff",
        "utf-32-le": b"\xff\xfe\x00\x00",
        "utf-32-be": b"\x00\x00\xfe\xff",
    }[codec]
    raw = bom + text.encode(codec)
    p = tmp_path / "w.txt"
    p.write_bytes(raw)
    src = read_source(p)
    assert src.text == text
    assert src.encoding == codec
    assert src.encode(src.text) == raw


def test_invalid_utf8_names_line_column_and_byte(tmp_path: Path) -> None:
    p = tmp_path / "latin.txt"
    p.write_bytes("first line\nna\xefve here\n".encode("latin-1"))
    with pytest.raises(InputError) as exc:
        read_source(p)
    msg = str(exc.value)
    assert "not valid UTF-8 at line 2, column 3 (byte 0xef)" in msg
    assert "--encoding" in msg


def test_invalid_utf8_column_counts_characters_not_bytes(tmp_path: Path) -> None:
    p = tmp_path / "mixed.txt"
    p.write_bytes("« déjà »".encode() + b" \x92quoted\x92\n")  # cp1252 quote in UTF-8
    with pytest.raises(InputError, match=r"line 1, column 10 \(byte 0x92\)"):
        read_source(p)


def test_encoding_override_reads_and_writes_latin1(tmp_path: Path) -> None:
    raw = "na\xefve\n".encode("latin-1")
    p = tmp_path / "latin.txt"
    p.write_bytes(raw)
    src = read_source(p, encoding="latin-1")
    assert src.text == "na\u00efve\n"
    assert src.encoding == "iso8859-1"
    assert src.encode(src.text) == raw


def test_unknown_encoding_is_an_input_error(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("x")
    with pytest.raises(InputError, match="unknown encoding"):
        read_source(p, encoding="no-such-codec")


def test_binary_file_skipped(tmp_path: Path) -> None:
    p = tmp_path / "img.png"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError, match="binary file, skipped"):
        read_source(p)


def test_directory_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        read_source(tmp_path)


def test_missing_file_gives_os_reason(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="No such file or directory"):
        read_source(tmp_path / "nope.txt")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a mode-000 file")
def test_unreadable_file_gives_os_reason(tmp_path: Path) -> None:
    p = tmp_path / "secret.txt"
    p.write_text("x")
    p.chmod(0)
    try:
        with pytest.raises(InputError, match="Permission denied"):
            read_source(p)
    finally:
        p.chmod(0o644)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux's /proc")
def test_file_that_reports_no_size_is_read_to_its_end() -> None:
    """/proc files say they are empty; what they hold is still read, whole."""
    text = read_source("/proc/self/status").text
    assert text.startswith("Name:") and "\nPid:" in text and text.endswith("\n")


def test_file_over_the_size_limit_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COPYLINT_MAX_FILE_MB", "0.001")  # 1,048 bytes
    small, big = tmp_path / "small.txt", tmp_path / "big.txt"
    small.write_text("x" * 1000)
    big.write_text("x" * 1100)
    assert read_source(small).text == "x" * 1000
    with pytest.raises(InputError, match="is over the .* MB size limit"):
        read_source(big)


def test_empty_file_is_empty_text(tmp_path: Path) -> None:
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    src = read_source(p)
    assert src.text == "" and src.encoding == "utf-8"


def test_read_stdin_stream() -> None:
    src = read_stdin(stream=io.BytesIO(b"\xef\xbb\xbfhi\r\n"))
    assert src.text == "hi\r\n" and src.bom == b"\xef\xbb\xbf"
    assert src.path == "<stdin>" and src.size is None
    with pytest.raises(InputError, match="binary"):
        read_stdin(stream=io.BytesIO(b"a\x00b"))


# ------------------------------------------------------------------ writing


def _read(p: Path) -> SourceText:
    return read_source(p)


def test_write_atomic_replaces_and_keeps_mode(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(b"old\r\n")
    p.chmod(0o640)
    src = _read(p)
    write_atomic(p, src.encode("new\r\n"), src)
    assert p.read_bytes() == b"new\r\n"
    assert stat.S_IMODE(p.stat().st_mode) == 0o640
    assert sorted(x.name for x in tmp_path.iterdir()) == ["a.txt"]  # no temp file left


def test_write_refused_when_file_changed_on_disk(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(b"original text\n")
    src = _read(p)
    p.write_bytes(b"an editor saved this\n")
    with pytest.raises(WriteError, match="changed on disk since it was read; not overwritten"):
        write_atomic(p, b"fixed\n", src)
    assert p.read_bytes() == b"an editor saved this\n"


def test_write_refused_on_same_size_change(tmp_path: Path) -> None:
    # Same size and (forced) same mtime: only the hash can tell.
    p = tmp_path / "a.txt"
    p.write_bytes(b"abc\n")
    src = _read(p)
    p.write_bytes(b"xyz\n")
    os.utime(p, ns=(src.mtime_ns or 0, src.mtime_ns or 0))
    with pytest.raises(WriteError, match="changed on disk"):
        write_atomic(p, b"fixed\n", src)
    assert p.read_bytes() == b"xyz\n"


def test_touch_without_change_is_not_a_change(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(b"abc\n")
    src = _read(p)
    os.utime(p, ns=(1, 1))
    write_atomic(p, b"fixed\n", src)
    assert p.read_bytes() == b"fixed\n"


def test_read_only_file_clear_error_and_untouched(tmp_path: Path) -> None:
    p = tmp_path / "ro.txt"
    p.write_bytes(b"keep me\n")
    p.chmod(0o444)
    src = _read(p)
    try:
        with pytest.raises(WriteError, match="is read-only; not changed"):
            write_atomic(p, b"changed\n", src)
        assert p.read_bytes() == b"keep me\n"
        assert sorted(x.name for x in tmp_path.iterdir()) == ["ro.txt"]
    finally:
        p.chmod(0o644)


def test_interrupt_during_replace_leaves_original(tmp_path: Path, monkeypatch) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(b"original\n")
    src = _read(p)

    def interrupted(_src: str, _dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(p, b"half-written new content\n", src)
    assert p.read_bytes() == b"original\n"
    assert sorted(x.name for x in tmp_path.iterdir()) == ["a.txt"]


def test_failure_mid_write_leaves_original(tmp_path: Path, monkeypatch) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(b"original\n")
    src = _read(p)

    def disk_full(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(WriteError, match="No space left on device"):
        write_atomic(p, b"new\n", src)
    assert p.read_bytes() == b"original\n"
    assert sorted(x.name for x in tmp_path.iterdir()) == ["a.txt"]


def test_symlink_inside_root_writes_target_and_keeps_link(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_bytes(b"old\n")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    src = _read(link)
    write_atomic(link, b"new\n", src, root=tmp_path)
    assert link.is_symlink()
    assert real.read_bytes() == b"new\n"


def test_symlink_outside_root_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    tree = tmp_path / "tree"
    outside.mkdir()
    tree.mkdir()
    real = outside / "real.txt"
    real.write_bytes(b"old\n")
    link = tree / "link.txt"
    link.symlink_to(real)
    src = _read(link)
    with pytest.raises(WriteError, match="outside"):
        write_atomic(link, b"new\n", src, root=tree)
    assert real.read_bytes() == b"old\n"


def test_stdin_source_cannot_be_written(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(b"x")
    src = read_stdin(stream=io.BytesIO(b"x"))
    with pytest.raises(CopylintError):
        write_atomic(p, b"y", src)
    assert p.read_bytes() == b"x"


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_owner_kept_when_root_writes(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(b"old\n")
    os.chown(p, 1234, 5678)
    src = _read(p)
    write_atomic(p, b"new\n", src)
    st = p.stat()
    assert (st.st_uid, st.st_gid) == (1234, 5678)
