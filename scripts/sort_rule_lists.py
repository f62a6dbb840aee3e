"""Sort the set-like word lists of rule packs in place, keeping their layout.

    python scripts/sort_rule_lists.py rules/residue.yaml [more packs]   # rewrite
    python scripts/sort_rule_lists.py --check rules/*.yaml              # list, exit 1

A list option is a set unless its check kind declares it ordered
(:func:`copylint.kinds.ordered`); the hygiene tests demand set-like lists in
the order :func:`list_sort_key` gives.  This rewrites only those lists, in the
style they are written in: a block list keeps one entry a line (a comment
line above an entry moves with it), a flow list ``[a, b]`` and a
space-separated word string are re-wrapped at their old width.  Entries keep
their quoting.  Ordered lists, regular-expression lists and lists of tables
are left alone.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
import typing
from collections.abc import Iterator, Mapping
from pathlib import Path

import yaml

from copylint.kinds import Words, _fields, contract, list_order


def list_sort_key(entry: str) -> tuple[str, str]:
    """The order of a set-like list: case-folded, then as written (ties stay stable)."""
    return (entry.casefold(), entry)


def _is_string_list(hint: object) -> bool:
    return hint is Words or hint == tuple[str, ...]


def _list_nodes(text: str) -> Iterator[tuple[str, yaml.Node]]:
    """(label, node) of every set-like list of the pack ``text``."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(root, yaml.MappingNode):
        return
    rules = dict((k.value, v) for k, v in root.value).get("rules")
    if not isinstance(rules, yaml.SequenceNode):
        return
    for rule in rules.value:
        if not isinstance(rule, yaml.MappingNode):
            continue
        fields = {k.value: v for k, v in rule.value}
        code, check = fields.get("code"), fields.get("check")
        options = fields.get("options")
        kind = contract(getattr(check, "value", ""))
        cls = kind.options_for(getattr(code, "value", "")) if kind else None
        if cls is None or not isinstance(options, yaml.MappingNode):
            continue
        known = _fields(cls)
        for key_node, value in options.value:
            name, hint = known.get(key_node.value, (None, None))
            if name is None or list_order(cls, name) is not None:
                continue
            label = f"{code.value} {key_node.value}"  # type: ignore[union-attr]
            if _is_string_list(hint):
                yield label, value
            elif (
                typing.get_origin(hint) is Mapping
                and _is_string_list(typing.get_args(hint)[1])
                and isinstance(value, yaml.MappingNode)
            ):
                for sub_key, sub in value.value:
                    yield f"{label}.{sub_key.value}", sub


def _sorted_block(text: str, node: yaml.SequenceNode) -> str:
    """The lines of a block list, entries (with the comment lines above them) sorted."""
    start = text.rfind("\n", 0, node.start_mark.index) + 1
    end = text.find("\n", node.value[-1].end_mark.index)
    end = len(text) if end == -1 else end + 1
    entries: list[list[str]] = []
    pending: list[str] = []
    for line in text[start:end].splitlines(keepends=True):
        stripped = line.lstrip()
        if stripped.startswith("- "):
            entries.append([*pending, line])
            pending = []
        elif stripped.startswith("#") or not stripped:
            pending.append(line)
        else:  # a continuation of the entry above
            entries[-1].append(line)
    if len(entries) != len(node.value):
        raise ValueError(f"line {node.start_mark.line + 1}: cannot tell the entries apart")
    order = sorted(range(len(entries)), key=lambda i: list_sort_key(node.value[i].value))
    body = "".join(line for i in order for line in entries[i]) + "".join(pending)
    return text[:start] + body + text[end:]


def _wrapped(words: list[str], first: str, rest: str, width: int) -> str:
    """``words`` filled into lines of ``width``, never breaking inside one."""
    glued = [w.replace(" ", "\0") for w in words]  # a quoted phrase stays on one line
    return "\n".join(
        line.replace("\0", " ")
        for line in textwrap.wrap(
            " ".join(glued),
            width=width,
            initial_indent=first,
            subsequent_indent=rest,
            break_long_words=False,
            break_on_hyphens=False,
        )
    )


def _sorted_flow(text: str, node: yaml.SequenceNode) -> str:
    a, b = node.start_mark.index, node.end_mark.index
    pairs = zip(node.value, node.value[1:], strict=False)
    if "#" in "".join(text[x.end_mark.index : y.start_mark.index] for x, y in pairs):
        raise ValueError(
            f"line {node.start_mark.line + 1}: a flow list with comments inside; "
            "move them above the key first"
        )
    items = [text[i.start_mark.index : i.end_mark.index] for i in node.value]
    keys = [i.value for i in node.value]
    order = sorted(range(len(items)), key=lambda i: list_sort_key(keys[i]))
    parts = [items[i] + "," for i in order]
    parts[-1] = parts[-1][:-1] + "]"
    if "\n" not in text[a:b]:
        return text[:a] + "[" + " ".join(parts) + text[b:]
    column = a - (text.rfind("\n", 0, a) + 1)
    width = max(len(line) for line in text[text.rfind("\n", 0, a) + 1 : b].splitlines())
    lead = text[text.rfind("\n", 0, a) + 1 : a]
    body = _wrapped(parts, lead + "[", " " * (column + 1), width)
    return text[: text.rfind("\n", 0, a) + 1] + body + text[b:]


def _sorted_words(text: str, node: yaml.ScalarNode) -> str:
    words = sorted(node.value.split(), key=list_sort_key)
    a, b = node.start_mark.index, node.end_mark.index
    if node.style in (">", "|"):
        header_end = text.index("\n", a) + 1
        body = text[header_end:b]
        lines = [line for line in body.splitlines() if line.strip()]
        indent = lines[0][: len(lines[0]) - len(lines[0].lstrip())]
        width = max(len(line) for line in lines)
        tail = body[len(body.rstrip("\n")) :]
        return text[:header_end] + _wrapped(words, indent, indent, width) + tail + text[b:]
    if "\n" in text[a:b] or node.style not in (None, "", '"', "'"):
        raise ValueError(f"line {node.start_mark.line + 1}: a word string in an unknown style")
    quote = node.style or ""
    return text[:a] + quote + " ".join(words) + quote + text[b:]


def _is_sorted(node: yaml.Node) -> bool:
    if isinstance(node, yaml.SequenceNode):
        if not all(isinstance(i, yaml.ScalarNode) for i in node.value):
            return True  # not a word list (tables): not ours to sort
        values = [i.value for i in node.value]
    elif isinstance(node, yaml.ScalarNode):
        values = node.value.split()
    else:
        return True
    return values == sorted(values, key=list_sort_key)


def sort_pack(text: str) -> tuple[str, list[str]]:
    """``text`` with every set-like list sorted, and the labels of the lists it sorted."""
    done: list[str] = []
    while True:
        todo = [(label, node) for label, node in _list_nodes(text) if not _is_sorted(node)]
        if not todo:
            return text, done
        label, node = todo[-1]  # from the end: earlier offsets stay valid
        if label in done:
            raise ValueError(f"{label}: still unsorted after sorting it")
        if isinstance(node, yaml.ScalarNode):
            text = _sorted_words(text, node)
        elif node.flow_style:
            text = _sorted_flow(text, node)
        else:
            text = _sorted_block(text, node)
        done.append(label)


def main(argv: list[str] | None = None) -> int:
    """Command line: sort packs in place, or with --check report what is unsorted."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report, do not rewrite")
    parser.add_argument("packs", nargs="+", type=Path)
    args = parser.parse_args(argv)
    unsorted = 0
    for pack in args.packs:
        old = pack.read_text(encoding="utf-8")
        new, labels = sort_pack(old)
        for label in labels:
            print(f"{pack}: {label}: {'unsorted' if args.check else 'sorted'}")
        unsorted += len(labels)
        if not args.check and new != old:
            if yaml.safe_load(new) is None:
                raise SystemExit(f"{pack}: the sorted text does not load")
            pack.write_text(new, encoding="utf-8")
    return 1 if args.check and unsorted else 0


if __name__ == "__main__":
    sys.exit(main())
