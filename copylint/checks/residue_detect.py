"""Line-level residue detectors, gathered: each looks at a document's lines and claims some.

A detector is a function ``(lines, opts) -> Iterator[Claim]`` that knows one
kind of page furniture.  They live in one module per family:

* :mod:`.residue_phrases`: phrase lists (CL301, CL302, CL306, CL307);
* :mod:`.residue_credits`: captions, credits, embeds, notices (CL303-CL305, CL311);
* :mod:`.residue_bylines`: bylines and timestamps (CL308, CL309);
* :mod:`.residue_shapes`: a line's shape (CL310, CL312, CL313, CL315).

:class:`Claim` is in :mod:`.residue_claims`, the compiled options in
:mod:`.residue_options`.
"""

from __future__ import annotations

from .residue_bylines import bylines, timestamps
from .residue_claims import Claim
from .residue_credits import (
    copyright_lines,
    credits_and_captions,
    embed_credits,
    inline_credits,
)
from .residue_lines import fold_letters
from .residue_options import PhraseFilter, ResidueOptions
from .residue_phrases import link_lists, related_links, toggle_stubs, ui_phrases
from .residue_shapes import caps_teasers, nav_menus, repeated_lines, share_bars

__all__ = [
    "Claim",
    "PhraseFilter",
    "ResidueOptions",
    "bylines",
    "caps_teasers",
    "copyright_lines",
    "credits_and_captions",
    "embed_credits",
    "fold_letters",
    "inline_credits",
    "link_lists",
    "nav_menus",
    "related_links",
    "repeated_lines",
    "share_bars",
    "timestamps",
    "toggle_stubs",
    "ui_phrases",
]
