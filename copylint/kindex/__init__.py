"""Knowledge at scale: a compiled, read-only index built from public film and TV data.

``copylint knowledge build`` reads YAML knowledge files, Wikidata JSON dumps and
IMDb's TSV datasets (:mod:`.wikidata`, :mod:`.imdb`, :mod:`.yamlsource`) into
plain records (:mod:`.records`), filters them and writes one SQLite file
(:mod:`.store`).  At lint time :mod:`.base` opens that file read-only and, for
each document, loads only the works and people the document can concern into a
small :class:`~copylint.knowledge.KnowledgeBase` that the checks use as usual.
"""
