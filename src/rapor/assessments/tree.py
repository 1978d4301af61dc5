"""The framework tree as the screens walk it: sections (the nodes whose children are indicators),
indicators (leaves), labels, and the leaves under an area. Computed once per framework object."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rapor.engine import Framework


@dataclass(frozen=True)
class Section:
    code: str
    name: str
    label: str
    """The names from below the root down to the section: 'Pemenuhan › Manajemen Perubahan'."""
    leaves: tuple[str, ...]


@dataclass(frozen=True)
class Tree:
    sections: tuple[Section, ...]
    section_of: dict[str, str]
    """leaf code → section code"""
    areas: tuple[tuple[str, str], ...]
    """(area code, name) of the areas of change the framework marks, in file order."""


_TREES: dict[int, tuple[Framework, Tree]] = {}


def path_label(fw: Framework, code: str) -> str:
    chain = [code, *fw.ancestors(code)]
    names = [fw.nodes[c].name for c in reversed(chain)]
    return " › ".join(names[1:] or names)


def tree(fw: Framework) -> Tree:
    hit = _TREES.get(id(fw))
    if hit is not None and hit[0] is fw:
        return hit[1]
    sections = []
    section_of: dict[str, str] = {}
    for node in fw.nodes.values():
        leaves = tuple(c.code for c in node.children if c.is_leaf)
        if leaves:
            sections.append(Section(node.code, node.name, path_label(fw, node.code), leaves))
            section_of.update((leaf, node.code) for leaf in leaves)
    for node in fw.roots:  # a root that is itself a leaf is its own section
        if node.is_leaf:
            sections.append(Section(node.code, node.name, node.name, (node.code,)))
            section_of[node.code] = node.code
    areas: dict[str, str] = {}
    for node in fw.nodes.values():
        if node.area and node.area not in areas:
            areas[node.area] = node.name
    result = Tree(tuple(sections), section_of, tuple(areas.items()))
    _TREES[id(fw)] = (fw, result)
    return result


def leaves_under(fw: Framework, key: str) -> list[str]:
    """Leaf codes under a node code, or under every node of an area of change (``MP``)."""

    def inside(leaf: str, match: Any) -> bool:
        return any(match(c) for c in (leaf, *fw.ancestors(leaf)))

    if key in fw.nodes:
        match = lambda c: c == key  # noqa: E731
    elif any(n.area == key for n in fw.nodes.values()):
        match = lambda c: fw.nodes[c].area == key  # noqa: E731
    else:
        return []
    return [n.code for n in fw.nodes.values() if n.is_leaf and inside(n.code, match)]
