"""The knowledge format for real works: kinds, parts, releases, networks, people's names.

Invented works and people throughout; every new key is tested loading what it
should and refusing bad values with the file and line.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from copylint.errors import DataFileError
from copylint.knowledge import Entity, KnowledgeBase, Work

SERIES = """\
works:
  - title: The Lantern Years
    kind: series
    networks: [Northlight]
    episode_count: 16
    cast:
      - {name: Odile Brakspear, character: Nan}
    seasons:
      - number: 1
        released:
          - {date: 2022-03-04, region: UK, kind: broadcast, network: Northlight}
          - {date: 2022-02, kind: premiere, place: Glasgow}
        episodes:
          - title: Cold Harbour
            number: 1
            directors: [Ivo Menteith]
  - title: Salt and Static
    kind: album
    released: {GB: 2019}
    tracks:
      - title: Paper Moons
        number: 2
        featuring: [Quilla Dorne]
        producers: [Bram Eskdale]
people:
  - name: Tobias Wrenfield Jr.
    suffix: Jr.
    aliases: [Toby Wren]
  - name: Greta van Hollis
    surname: van Hollis
  - name: Simon Pegge
    distinct_from: [Simon Pegg]
organisations:
  - name: Northlight Broadcasting
    aliases: [Northlight]
"""


def load(tmp_path: Path, text: str) -> KnowledgeBase:
    path = tmp_path / "kb.yaml"
    path.write_text(text, encoding="utf-8")
    return KnowledgeBase.load([path])


def work(kb: KnowledgeBase, title: str) -> Work:
    return next(w for w in kb.works if w.title == title)


def test_series_seasons_and_episodes_are_works_with_their_own_credits(tmp_path: Path) -> None:
    kb = load(tmp_path, SERIES)
    series = work(kb, "The Lantern Years")
    season = work(kb, "The Lantern Years season 1")
    episode = work(kb, "Cold Harbour")
    assert (series.kind, series.episode_count, series.networks) == ("series", 16, ("Northlight",))
    assert (season.kind, season.part_of, season.number) == ("season", "The Lantern Years", 1)
    assert (episode.kind, episode.part_of, episode.number) == (
        "episode",
        "The Lantern Years season 1",
        1,
    )
    assert episode.with_role("director") == ["Ivo Menteith"]
    assert episode.networks == ("Northlight",)  # inherited from the series
    assert "Ivo Menteith" not in series.people()


def test_album_tracks_carry_featured_artists_and_producers(tmp_path: Path) -> None:
    kb = load(tmp_path, SERIES)
    track = work(kb, "Paper Moons")
    assert (track.kind, track.part_of, track.number) == ("track", "Salt and Static", 2)
    assert track.with_role("featured artist") == ["Quilla Dorne"]
    assert track.with_role("producer") == ["Bram Eskdale"]
    album = work(kb, "Salt and Static")
    assert album.releases[0].precision == "year"


def test_release_events_have_kind_region_precision_and_uk_is_gb(tmp_path: Path) -> None:
    season = work(load(tmp_path, SERIES), "The Lantern Years season 1")
    broadcast, premiere = season.releases
    assert (broadcast.region, broadcast.kind, broadcast.precision) == ("GB", "broadcast", "day")
    assert broadcast.date == dt.date(2022, 3, 4)
    assert (premiere.region, premiere.kind, premiere.place) == ("worldwide", "premiere", "Glasgow")
    assert (broadcast.network, premiere.network) == ("Northlight", None)
    assert premiere.precision == "month"
    assert premiere.matches(dt.date(2022, 2, 17)) and not premiere.matches(dt.date(2022, 3, 1))


def test_mentioning_a_series_activates_its_seasons_and_episodes(tmp_path: Path) -> None:
    kb = load(tmp_path, SERIES)
    titles = {w.title for w in kb.find_mentions("The Lantern Years returns.").works}
    assert {"The Lantern Years season 1", "Cold Harbour"} <= titles
    assert "Salt and Static" not in titles


def test_people_aliases_suffixes_particles_and_namesakes(tmp_path: Path) -> None:
    kb = load(tmp_path, SERIES)
    toby = kb.entities["Tobias Wrenfield Jr."]
    assert (toby.suffix, toby.aliases) == ("Jr.", ("Toby Wren",))
    assert kb.canonical_name("Toby Wren") == "Toby Wren"  # an alias is correct as written
    assert kb.entities["Greta van Hollis"].surname == "van Hollis"
    assert kb.entities["Simon Pegge"].distinct_from == ("Simon Pegg",)
    assert kb.canonical_name("Northlight") == "Northlight"


def test_new_fields_round_trip_through_plain_dicts(tmp_path: Path) -> None:
    kb = load(tmp_path, SERIES)
    for w in kb.works:
        assert Work.from_dict(json.loads(json.dumps(w.to_dict()))) == w
    for e in kb.entities.values():
        assert Entity.from_dict(json.loads(json.dumps(e.to_dict()))) == e


CAST = """\
works:
  - title: The Quiet Orchard
    cast: [Mirela Tosk, Anselm Kreidy, Ffion Barrowcliffe, Dorit Vaskell]
"""


def test_three_cast_members_named_in_full_activate_their_work(tmp_path: Path) -> None:
    kb = load(tmp_path, CAST)
    three = "Mirela Tosk, Anselm Kreidy and Ffion Barrowcliffe star."
    assert [w.title for w in kb.find_mentions(three).works] == ["The Quiet Orchard"]
    two = "Mirela Tosk and Anselm Kreidy star; Barrowcliffe was absent."
    assert kb.find_mentions(two).works == ()


@pytest.mark.parametrize(
    ("text", "line", "needle"),
    [
        ("works:\n  - title: A\n    kind: movie\n", 3, "unknown kind of work 'movie'"),
        ("works:\n  - title: A\n    released:\n      - {date: 2020, kind: cinema}\n", 4, "kind"),
        ("works:\n  - title: A\n    released:\n      - {region: GB}\n", 4, "needs a 'date'"),
        (
            "works:\n  - title: A\n    released:\n      - date: 2020\n        network: [A, B]\n",
            5,
            "'network'",
        ),
        ("works:\n  - title: A\n    released: {GB: 2020-13}\n", 3, "invalid date"),
        ("works:\n  - title: A\n    released: {Britain: 2020}\n", 3, "UK means GB"),
        ("works:\n  - title: A\n    episode_count: many\n", 3, "whole number"),
        ("works:\n  - title: A\n    seasons:\n      - {episodes: []}\n", 4, "'number'"),
        ("works:\n  - title: A\n    tracks:\n      - {number: 1}\n", 4, "needs a 'title'"),
        ("people:\n  - name: Ada Quell\n    suffix: Jr.\n", 3, "must end"),
        ("people:\n  - name: Ada Quell\n    surname: Quill\n", 3, "be part of"),
        ("people:\n  - name: Ada Quell\n    aliases: [ada quell]\n", 3, "own 'aliases'"),
        ("organisations:\n  - name: Quell Ltd\n    suffix: Ltd\n", 3, "people only"),
        ("people:\n  - name: Ada Quell\n    nickname: Q\n", 3, "unknown key 'nickname'"),
    ],
)
def test_new_keys_are_validated_with_file_and_line(
    tmp_path: Path, text: str, line: int, needle: str
) -> None:
    with pytest.raises(DataFileError) as info:
        load(tmp_path, text)
    assert info.value.line == line, str(info.value)
    assert needle in str(info.value)
