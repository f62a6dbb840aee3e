"""Safe YAML loading that remembers line numbers, for error messages that name the line.

Mappings load as :class:`LineDict` (a dict that knows the line of each key) and
sequences as :class:`LineList` (a list that knows the line of each item).  Only
the safe subset of YAML is accepted: data, never code.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from .datafile import read_data_file
from .errors import DataFileError


class LineDict(dict[str, Any]):
    """A mapping loaded from YAML; ``line`` is where it starts, ``key_lines`` per key."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        """1-based line of ``key``, or of the mapping itself when the key is absent."""
        return self.key_lines.get(key, self.line)


class LineList(list[Any]):
    """A sequence loaded from YAML; ``item_lines`` holds the 1-based line of each item."""

    line: int = 0
    item_lines: list[int]


@functools.cache
def _loader() -> type:
    """The YAML loader class, built on first use: importing PyYAML takes longer than
    linting a short article, and a warm start loads packs and knowledge from the
    compiled cache instead (:mod:`copylint.datacache`)."""
    import yaml

    # libyaml's parser (when PyYAML was built with it) is about ten times faster than
    # the pure-Python one; it gives the same nodes and marks, so the constructors
    # below (safe ones only) work unchanged.  Parse-error wording differs slightly.
    safe_base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(safe_base):  # type: ignore[valid-type,misc]
        """SafeLoader that records lines and rejects duplicate keys."""

    def construct_mapping(loader: Loader, node: yaml.MappingNode) -> LineDict:
        loader.flatten_mapping(node)
        result = LineDict()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                raise yaml.constructor.ConstructorError(
                    None, None, "a key must be a plain value", key_node.start_mark
                )
            key = str(key) if not isinstance(key, str) else key
            if key in result:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            result[key] = loader.construct_object(value_node, deep=True)
            result.key_lines[key] = key_node.start_mark.line + 1
        return result

    def construct_sequence(loader: Loader, node: yaml.SequenceNode) -> LineList:
        result = LineList(loader.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1
        result.item_lines = [child.start_mark.line + 1 for child in node.value]
        return result

    def construct_str_timestamp(loader: Loader, node: yaml.ScalarNode) -> str:
        # Dates stay strings: the knowledge loader parses and validates them itself,
        # so an impossible date gets a message naming its line.
        return str(loader.construct_scalar(node))

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, construct_sequence)
    Loader.add_constructor("tag:yaml.org,2002:timestamp", construct_str_timestamp)
    return Loader


#: Nodes that aliases may add beyond the document's own (an alias repeats a
#: whole subtree wherever the data is walked or printed).  A "billion laughs"
#: bomb of 100 nodes expands to a billion; real files share a few defaults.
MAX_ALIAS_NODES = 1_000_000
#: Characters of scalars that aliases may add beyond the document's own.
MAX_ALIAS_CHARS = 16 * 1024 * 1024


def check_expansion(root: Any, path: str) -> None:
    """Refuse a composed YAML document whose aliases expand beyond the limits above.

    Sizes are computed per distinct node with a memo, so the check costs one
    pass over the file's own nodes however large the expansion would be.
    """
    import yaml

    sizes: dict[int, tuple[int, int]] = {}  # id(node) -> expanded (nodes, chars)
    distinct_nodes = distinct_chars = 0
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if key in sizes:
            continue
        if isinstance(node, yaml.ScalarNode):
            sizes[key] = (1, len(node.value))
            distinct_nodes += 1
            distinct_chars += len(node.value)
            continue
        if isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        else:
            children = list(node.value)
        if not children_done:
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in sizes)
            continue
        nodes, chars = 1, 0
        for child in children:
            n, c = sizes[id(child)]
            nodes += n
            chars += c
        sizes[key] = (nodes, chars)
        distinct_nodes += 1
    nodes, chars = sizes[id(root)]
    if nodes - distinct_nodes > MAX_ALIAS_NODES or chars - distinct_chars > MAX_ALIAS_CHARS:
        raise DataFileError(
            path,
            f"YAML aliases expand to {nodes:,} values ({chars:,} characters), far beyond the "
            "file itself (an alias bomb?); not loaded",
        )


def load_yaml_text(text: str, path: str) -> Any:
    """Parse YAML text; errors become :class:`DataFileError` naming ``path`` and the line."""
    import yaml

    try:
        loader = _loader()(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None
            check_expansion(node, path)
            return loader.construct_document(node)
        finally:
            loader.dispose()
    except RecursionError:
        raise DataFileError(path, "invalid YAML: nested too deeply") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        reason = exc.problem or str(exc)
        if exc.context and exc.problem:
            reason = (
                f"{exc.context}: {exc.problem}" if "duplicate" not in exc.problem else exc.problem
            )
        raise DataFileError(path, f"invalid YAML: {reason}", line) from None
    except yaml.YAMLError as exc:
        raise DataFileError(path, f"invalid YAML: {exc}") from None


def load_yaml_file(path: str | Path) -> Any:
    """Read and parse a YAML data file (UTF-8); all failures name the file."""
    name = str(path)
    raw = read_data_file(name)  # a regular file under the size limit, or DataFileError
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataFileError(name, "not valid UTF-8", line) from None
    return load_yaml_text(text, name)
