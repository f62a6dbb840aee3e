"""English number words, one list for the rules and indexes that read them.

Titles write "Part One" or "Part 1", and copy writes "an eight-part season" or
"season two": the knowledge index, the season reader and the episode-count
rule all need the words up to twenty, in order.
"""

from __future__ import annotations

#: "zero" to "twenty", each word at the index of its value.
NUMBER_WORDS: tuple[str, ...] = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
)
