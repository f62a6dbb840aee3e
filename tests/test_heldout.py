"""Held-out, seed-like articles: defects caught and false alarms, through the real CLI.

fixtures/heldout/marrowby-s2.txt is an invented article about a TV season,
hollowmere-launch.txt one about a limited series, nightjar-review.txt a film review
saltmarsh-album.txt an album review and ashfall-review.txt a game review
(works, cast, crew, networks and dates all made up), with defects of the seed's
classes injected: misspelt names, glued words, web-page residue and wrong facts.
Each defect list
(<stem>-defects.yaml) and knowledge (<stem>.yaml) was written before copylint was
run on its article.  Targets (issue 14): at least 90% of the
defects caught, no false alarm.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from .conftest import FIXTURES, copylint_command, load_script

HELDOUT = FIXTURES / "heldout"
#: Each article with the share of its defects it must keep catching.  The issue's
#: target is 0.90, with no false alarm.
#: marrowby-s2 (a TV season): 15/26 on the first run, 22/26 after the fixes of issue
#: 14 round 2, 23/26 with the ad-slot label, 26/26 in round 3 (a caption and its
#: credit above an ad label; a credited name glued to a label).
#: hollowmere-launch (a limited series; written in round 3 for the classes the first
#: does not probe: particles, Jr., qu/kw, namesakes, regional dates and platforms,
#: episode counts): 18/24 on the first run, 24/24 after round 3's fixes.
#: nightjar-review (a film review, written after those fixes, for more classes):
#: 17/22 on the first run, 21/22 after; the miss is a lone "Ruiz, who directed the
#: first film's reshoots", a doubtful defect (reshoots are no credited direction).
#: saltmarsh-album (an album review): 10/13 and one "false alarm" on the first run,
#: which was a defect its list had left out (see the list); 14/14 after.
#: ashfall-review (a game review): 10/15 on the first run, 12/15 after the names and facts
#: fixes, 15/15 after the residue patterns for breadcrumb trails and shop buttons and the
#: clitic glue whose whole the lexicon lists as junk ("Corvane'snew": "snew" 1.1).
FLOORS = {
    "marrowby-s2.txt": 26 / 26,
    "hollowmere-launch.txt": 24 / 24,
    "nightjar-review.txt": 21 / 22,
    "saltmarsh-album.txt": 14 / 14,
    "ashfall-review.txt": 15 / 15,
}


@pytest.mark.parametrize("article", sorted(FLOORS))
def test_heldout_article_defects_caught_and_no_false_alarm(article: str) -> None:
    score = load_script("scripts/score_heldout.py").run(HELDOUT / article, copylint_command())
    missed = [f"[{d['class']}] {d['text']}" for d in score.missed]
    alarms = [f"{d['line']}:{d['column']} {d['code']} {d['message']}" for d in score.false_alarms]
    assert alarms == []
    assert score.rate >= FLOORS[article], f"caught {score.rate:.3f}; missed: {missed}"


def test_the_scorer_counts_a_finding_only_for_its_class() -> None:
    scorer = load_script("scripts/score_heldout.py")
    text = "Alpha Betta said so.\n\nShare this\n"
    defects = [
        {"class": "names", "text": "Betta"},
        {"class": "residue", "text": "Share this"},
    ]
    diags = [
        {"code": "CL202", "start": 6, "end": 11, "line": 1, "column": 7, "message": ""},
        {"code": "CL301", "start": 22, "end": 32, "line": 3, "column": 1, "message": ""},
        {"code": "CL301", "start": 0, "end": 5, "line": 1, "column": 1, "message": ""},
    ]
    score = scorer.score(text, defects, diags)
    assert [d["text"] for d in score.caught] == ["Share this"]
    assert [d["text"] for d in score.missed] == ["Betta"]
    # a finding on a defect of another class is no false alarm; one on clean text is
    assert [d["start"] for d in score.false_alarms] == [0]


#: Correct articles about the held-out works, written with true statements in the
#: forms the rules read (dates per region, platforms, carried subjects, "it", plays/stars
#: as, particles, suffixes, possessives, another work named beside): no finding at all.
CLEAN = sorted((FIXTURES / "heldout-clean").glob("*.txt"))


@pytest.mark.parametrize("article", CLEAN, ids=lambda p: p.name)
def test_correct_articles_about_the_heldout_works_raise_no_alarm(article: Path) -> None:
    knowledge = HELDOUT / f"{article.name.split('-')[0]}.yaml"
    proc = subprocess.run(
        [*copylint_command(), "--isolated", "--ignore", "CL5", "--format", "concise"]
        + ["-k", str(knowledge), str(article)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
