"""Generate a large synthetic knowledge file for the scale benchmark.

``python bench/gen_knowledge.py OUT.yaml --people 100000 --works 20000``

Names have realistic shapes: common first names with surnames from several
traditions, particles ("van der", "de la"), Mc/Mac and O' prefixes, hyphenated
double surnames, middle initials, accented letters.  About one person in five
has a known misspelling.  Works get titles built from plain English words
("The Silent Harbour", "Night of the Long Rivers", "Harbour Two: The Return"),
sometimes an alias or a former title, release dates, a studio, directors,
writers, a cast of people from the pool playing generated characters, crew and
the odd acronym.  The output is deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path


def _words(text: str) -> list[str]:
    """Whitespace-separated words (keeps the long lists below readable)."""
    return text.split()


FIRST = _words("""
James Mary John Patricia Robert Jennifer Michael Linda William Elizabeth David Barbara
Richard Susan Joseph Jessica Thomas Sarah Charles Karen Christopher Nancy Daniel Lisa Matthew
Margaret Anthony Betty Mark Sandra Donald Ashley Steven Dorothy Paul Kimberly Andrew Emily Joshua
Donna Kenneth Michelle Kevin Carol Brian Amanda George Melissa Edward Deborah Ronald Stephanie
Timothy Rebecca Jason Laura Jeffrey Sharon Ryan Cynthia Jacob Kathleen Gary Amy Nicholas Shirley
Eric Angela Stephen Helen Jonathan Anna Larry Brenda Justin Pamela Scott Nicole Brandon Samantha
Frank Katherine Benjamin Emma Gregory Ruth Samuel Christine Raymond Catherine Patrick Debra
Alexander Rachel Jack Carolyn Dennis Janet Jerry Virginia Tyler Maria Aaron Heather Jose Diane
Henry Julie Douglas Joyce Peter Victoria Adam Kelly Nathan Christina Zachary Joan Walter Evelyn
Kyle Lauren Harold Judith Carl Olivia Jeremy Frances Keith Martha Roger Cheryl Gerald Megan
Ethan Andrea Arthur Hannah Terry Jacqueline Christian Ann Sean Jean Lawrence Alice Austin Kathryn
Joe Gloria Noah Teresa Jesse Doris Albert Sara Bryan Janice Billy Julia Bruce Marie Willie Madison
Jordan Grace Dylan Judy Alan Theresa Ralph Beverly Gabriel Denise Roy Marilyn Juan Amber Wayne
Danielle Eugene Abigail Logan Brittany Randy Rose Louis Diana Russell Natalie Vincent Sophia
Philip Alexis Bobby Lori Johnny Kayla Bradley Jane Aisha Kwame Chidi Ngozi Hiroshi Yuki Mei Wei
Priya Arjun Rahul Ananya Fatima Omar Layla Youssef Ingrid Lars Sven Astrid Mikhail Olga Dmitri
Katya Giulia Marco Luca Chiara Pierre Amelie Jean-Luc Sofia Mateo Lucia Diego Carmen Siobhan
Niamh Ciaran Eoin Aoife Zoë Björn Søren Ines Joaquín Chloé Renée Émile Jürgen Zbigniew Małgorzata
""")

SURNAMES = _words("""
Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez
Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris
Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill
Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans
Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez
Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks
Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers
Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman Butler Henderson
Barnes Gonzales Fisher Vasquez Simmons Romero Jordan Patterson Alexander Hamilton Graham Reynolds
Griffin Wallace Moreno West Cole Hayes Bryant Herrera Gibson Ellis Tran Medina Aguilar Stevens
Murray Ford Castro Marshall Owens Harrison Fernandez Woods Washington Kennedy Wells Vargas Henry
Chen Freeman Webb Tucker Guzman Burns Crawford Olson Simpson Porter Hunter Gordon Mendez Silva
Shaw Snyder Mason Dixon Munoz Hunt Hicks Holmes Palmer Wagner Black Robertson Boyd Rose Stone
Salazar Fox Warren Mills Meyer Rice Schmidt Garza Daniels Ferguson Nichols Stephens Soto Weaver
Ryan Gardner Payne Grant Dunn Kelley Spencer Hawkins Arnold Pierce Vazquez Hansen Peters Santos
Okafor Adeyemi Mensah Okonkwo Tanaka Suzuki Watanabe Yamamoto Sato Wang Zhang Liu Huang Singh
Sharma Gupta Khan Ahmed Hassan Ali Haddad Nakamura Kowalski Nowak Wiśniewski Novák Horváth
Lindqvist Johansson Andersson Nilsson Larsen Jensen Hansen Müller Schneider Fischer Weber Becker
Rossi Russo Ferrari Esposito Bianchi Romano Colombo Dubois Lefèvre Moreau Laurent Girard Bernard
Ivanov Petrov Sokolov Popescu Papadopoulos Yilmaz Kaya Demir Øster Ibáñez Núñez Peña Gallagher
Byrne Doyle Quinn Brennan Walsh Kavanagh Fitzgerald Donnelly""")

# Syllables for surnames that no list has, so the pool can reach 100,000 names.
ONSETS = _words("""
Bal Ber Cal Dor Ed Fal Gar Hal Ith Jor Kal Lind Mar Nor Ost Pel Quen Ros Sal Tor
Ul Val Wen Yar Zel Brack Dun Glen Har Kirk Lang Mor Pen Rad Stan Thorn Whit Ash Birk Carr""")
CODAS = _words("""
sson berg ski ova ing ley ton ez ani ura wood field stein mann ford well by more
dale hurst combe wick thorpe ridge vich escu oglu idis""")

ADJECTIVES = _words("""
Silent Last Long Dark Bright Broken Hidden Golden Crimson Quiet Lost Burning Frozen
Wild Distant Hollow Secret Final Endless Sleeping Falling Rising Iron Glass Silver Paper Stolen
Forgotten Little Great Lonely Restless Wandering Northern Southern Bitter Sweet Empty Open Red
Blue Green White Black Hungry Savage Gentle Patient Invisible Electric Strange Perfect""")
NOUNS = _words("""
Harbour River Night Garden Kingdom Shadow Mirror Empire Summer Winter Station Letter
Promise Border Island Mountain Orchard Voyage Signal Machine Witness Stranger Harvest Lantern
Engine Tide Crown Bridge Storm Echo Season Frontier Compass Citadel Forest Desert Cathedral
Highway Circus Window Horizon Silence Fortune Bargain Orbit Archive Covenant Reckoning Protocol
Gambit Legacy Requiem Heist Exodus Inheritance Tower Valley Hunter Dancer Soldier Daughter
Kingdom Ghost Harvest Sparrow Falcon Wolf Serpent Lion Raven Fox Spider Whale""")
SUBTITLES = _words("""
The Return Resurrection Revenge Rising Reckoning Legacy Endgame Origins Awakening
Retribution Redemption Homecoming Uprising Judgement""")
NUMBERS = ["Two", "Three", "Four", "2", "3", "II", "III", "Part One", "Part Two"]
STUDIOS = [
    f"{a} {b}"
    for a in _words("Harbour Northlight Blue Fern Iron Gate Meridian Kestrel Copper Lantern")
    for b in ("Pictures", "Films", "Studios", "Entertainment", "Media")
]
ROLES = [
    "stunt coordinator",
    "composer",
    "cinematographer",
    "editor",
    "producer",
    "production designer",
    "costume designer",
]
COUNTRIES = ["US", "GB", "FR", "DE", "JP", "IN", "AU", "CA"]


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def person_names(rng: random.Random, count: int) -> list[str]:
    surnames = list(dict.fromkeys(SURNAMES + [o + c for o in ONSETS for c in CODAS]))
    names: dict[str, None] = {}
    while len(names) < count:
        first = rng.choice(FIRST)
        last = rng.choice(surnames)
        shape = rng.random()
        if shape < 0.04:
            last = f"{rng.choice(['van der', 'de la', 'von', 'van', 'di', 'da'])} {last}"
        elif shape < 0.07:
            last = f"{rng.choice(['Mc', 'Mac', 'O’', 'Fitz'])}{last}"
        elif shape < 0.12:
            last = f"{last}-{rng.choice(surnames)}"
        elif shape < 0.18:
            first = f"{first} {rng.choice('ABCDEFGHJKLMNPRSTW')}."
        elif shape < 0.20:
            first = f"{first} {rng.choice(FIRST)}"
        names[f"{first} {last}"] = None
    return list(names)


def misspell(rng: random.Random, name: str) -> str | None:
    """A plausible wrong spelling: two letters swapped, one doubled or one dropped."""
    first, _, last = name.rpartition(" ")
    if len(last) < 4:
        return None
    i = rng.randrange(1, len(last) - 2)
    kind = rng.random()
    if kind < 0.4:
        wrong = last[:i] + last[i + 1] + last[i] + last[i + 2 :]
    elif kind < 0.7:
        wrong = last[:i] + last[i] + last[i:]
    else:
        wrong = last[:i] + last[i + 1 :]
    return None if wrong.casefold() == last.casefold() else f"{first} {wrong}"


def titles(rng: random.Random, count: int, people: list[str]) -> list[str]:
    out: dict[str, None] = {}
    while len(out) < count:
        shape = rng.random()
        adj, noun, noun2 = rng.choice(ADJECTIVES), rng.choice(NOUNS), rng.choice(NOUNS)
        if shape < 0.3:
            title = f"The {adj} {noun}"
        elif shape < 0.5:
            title = f"{noun} of the {adj} {noun2}"
        elif shape < 0.6:
            title = f"{adj} {noun}"
        elif shape < 0.7:
            title = f"{people[rng.randrange(len(people))].split()[0]}’s {noun}"
        elif shape < 0.8:
            title = f"The {noun} and the {noun2}"
        elif shape < 0.9:
            title = f"{adj} {noun} {rng.choice(NUMBERS)}"
        else:
            title = f"{adj} {noun}: {rng.choice(SUBTITLES)}"
        out[title] = None
    return list(out)


def generate(people_count: int, works_count: int, seed: int = 7) -> str:
    """The knowledge file as YAML text."""
    rng = random.Random(seed)
    people = person_names(rng, people_count)
    lines = [
        "# Synthetic knowledge for copylint's scale benchmark (bench/gen_knowledge.py).",
        "works:",
    ]
    for title in titles(rng, works_count, people):
        lines.append(f"  - title: {q(title)}")
        if rng.random() < 0.1:
            lines.append(f"    aliases: [{q(title.split(':')[0].removeprefix('The ') + ' Saga')}]")
        if rng.random() < 0.05:
            lines.append(f"    former_titles: [{q('Untitled ' + title.split()[-1] + ' Project')}]")
        year = rng.randrange(1960, 2027)
        released = ", ".join(
            f"{c}: {year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
            for c in rng.sample(COUNTRIES, rng.randrange(1, 3))
        )
        lines.append(f"    released: {{{released}}}")
        lines.append(f"    studio: {q(rng.choice(STUDIOS))}")
        lines.append(f"    directors: [{q(rng.choice(people))}]")
        writers = ", ".join(q(rng.choice(people)) for _ in range(rng.randrange(1, 3)))
        lines.append(f"    writers: [{writers}]")
        lines.append("    cast:")
        for _ in range(rng.randrange(3, 9)):
            character = f"{rng.choice(FIRST)} {rng.choice(SURNAMES)}"
            lines.append(f"      - {{name: {q(rng.choice(people))}, character: {q(character)}}}")
        lines.append("    crew:")
        lines.extend(
            f"      - {{name: {q(rng.choice(people))}, role: {rng.choice(ROLES)}}}"
            for _ in range(rng.randrange(1, 3))
        )
        if rng.random() < 0.05:
            words = [w for w in title.replace(":", "").split() if "A" <= w[0] <= "Z"][:4]
            if len(words) >= 2:
                # Quoted: YAML reads bare acronyms such as OFF, NO or ON as booleans.
                acronym = "".join(w[0] for w in words).upper()
                lines.append(f"    acronyms: {{{q(acronym)}: {q(' '.join(words))}}}")
    lines.append("people:")
    for name in people:
        wrong = misspell(rng, name) if rng.random() < 0.2 else None
        if wrong:
            lines.append(f"  - {{name: {q(name)}, misspellings: [{q(wrong)}]}}")
        else:
            lines.append(f"  - {q(name)}")
    lines.append("organisations:")
    lines.extend(f"  - {q(studio)}" for studio in STUDIOS)
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--works", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(generate(args.people, args.works, args.seed), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
