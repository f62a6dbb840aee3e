"""House style for diagnostic messages: how flagged text is quoted and how a message starts.

Every message quotes the text it flags in curly quotes; a long quotation is
shortened at a word boundary with an ellipsis, never cut mid-word; and a
message (and each suggestion) starts with a capital letter, whichever rule
wrote it: :class:`~copylint.diagnostics.Diagnostic` applies :func:`capitalised`.
"""

from __future__ import annotations

QUOTE_LIMIT = 60


def shorten(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text`` on one line, cut to at most ``limit`` characters at a word boundary, with "…".

    A single word longer than half the limit is cut inside the word, since
    there is no good boundary to cut at; the ellipsis still shows the cut.
    """
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    head = flat[: limit - 1]
    cut = head.rfind(" ")
    if cut >= limit // 2:
        head = head[:cut]
    return head.rstrip(" ,;:.–—-") + "…"


def quote(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text`` shortened (see :func:`shorten`) inside curly double quotes."""
    return f"“{shorten(text, limit)}”"


def capitalised(message: str) -> str:
    """``message`` with its first character upper-cased when it is a lower-case letter."""
    if message[:1].islower():
        return message[0].upper() + message[1:]
    return message
