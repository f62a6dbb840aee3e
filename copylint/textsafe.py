"""Text from an untrusted repository, made safe to print on a terminal or in a CI log.

File names and file contents are chosen by whoever wrote the repository.  A
file name holding a newline can forge a line of output (a GitHub workflow
command such as ``::error file=README.md::...``); an ESC can start a terminal
escape sequence (OSC 52 writes the clipboard, others retitle or redraw the
screen); bidirectional controls reorder what is shown; and a name that is not
valid UTF-8 (kept by Python as lone surrogates) cannot be printed at all.
:func:`printable` shows all of these as visible escapes instead.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, the Unicode line and paragraph separators, the
# bidirectional marks, embeddings, overrides and isolates, and lone surrogates.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, keep: str = "") -> str:
    """``text`` with every control, bidi and undecodable character escaped
    (``\\n``, ``\\x1b``, ``\\u202e``, ``\\xe9`` for a raw byte); ``keep`` lists
    characters to leave as they are (a report's own tabs, say)."""
    if keep:
        return _UNSAFE.sub(lambda m: m.group() if m.group() in keep else _escape(m), text)
    return _UNSAFE.sub(_escape, text)
