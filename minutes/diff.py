"""A readable difference between two versions of the minutes: word by word, per item."""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher


@dataclass
class Segment:
    kind: str  # "same", "removed" or "added"
    text: str

    @property
    def is_removed(self) -> bool:
        return self.kind == "removed"

    @property
    def is_added(self) -> bool:
        return self.kind == "added"


@dataclass
class FieldChange:
    label: str
    segments: list[Segment]


@dataclass
class ItemChange:
    title: str
    fields: list[FieldChange]


def _words(text: str) -> list[str]:
    return re.findall(r"\S+|\s+", text or "")


def diff_text(old: str, new: str) -> list[Segment]:
    old_words, new_words = _words(old), _words(new)
    segments: list[Segment] = []
    for tag, old_start, old_end, new_start, new_end in SequenceMatcher(
        None, old_words, new_words
    ).get_opcodes():
        if tag == "equal":
            segments.append(Segment("same", "".join(old_words[old_start:old_end])))
            continue
        if old_end > old_start:
            segments.append(Segment("removed", "".join(old_words[old_start:old_end])))
        if new_end > new_start:
            segments.append(Segment("added", "".join(new_words[new_start:new_end])))
    return segments


def diff_versions(old: dict, new: dict, *, labels: dict[str, str]) -> list[ItemChange]:
    """The items whose title, notes or agreement changed between two versions' content."""
    changes = []
    old_items = old["items"]
    for index, new_item in enumerate(new["items"]):
        old_item = old_items[index] if index < len(old_items) else {"title": "", "notes": "", "agreed": ""}
        fields = [
            FieldChange(labels[name], diff_text(old_item[name], new_item[name]))
            for name in ("title", "notes", "agreed")
            if old_item[name] != new_item[name]
        ]
        if fields:
            changes.append(ItemChange(new_item["title"], fields))
    return changes
