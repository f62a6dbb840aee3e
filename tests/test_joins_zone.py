"""Issue 13, round 4: glued-words recall on flattened menus, with its precision twins."""

from __future__ import annotations

from copylint.api import lint_text


def glued(text: str) -> set[str]:
    """The glued words CL202 reports in ``text`` (the word its message quotes first)."""
    return {d.message.split("”")[0].lstrip("“") for d in lint_text(text, select=["CL202"])}


def test_a_menu_glued_next_to_other_glued_menu_runs_is_read_as_english() -> None:
    # A flattened menu: every word near a glued run is itself several words glued.
    # Those neighbours are English words end to end, so the text around is English.
    menu = (
        "Sections\n\ndesignbooksdancemoviesmusicPop Culturetelevisiontheaterwatchingvideo: "
        "artslivingautomobilesCookingeducationfoodhealthjobsmagazine\n"
    )
    assert {"designbooksdancemoviesmusic", "artslivingautomobiles"} <= glued(menu)


def test_a_run_of_english_words_among_words_of_another_language_stays_quiet() -> None:
    # Twin: the same run among long words that are no English words end to end is
    # in another language, where English splits are guesses.
    german = (
        "Rubriken\n\nVerkehrsministeriumsprecherin designbooksdancemoviesmusic "
        "Landwirtschaftskammerpräsident Gesundheitsministeriumssprecher "
        "Bundesverfassungsgerichtsurteil\n"
    )
    assert glued(german) == set()
