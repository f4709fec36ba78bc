"""Markdown written by people in the app, rendered to HTML that is safe to show and valid.

Markdown may carry raw HTML; nh3 (the Rust ammonia sanitiser) then keeps only a short list
of harmless tags and attributes and drops scripts, iframes, event handlers and
javascript: links. What nh3 keeps is well nested but not always valid: raw HTML can put a
paragraph inside <b>, a list item outside any list, or leave an <a> whose unsafe href was
dropped. `_conform` then rebuilds the fragment so that each element holds only what HTML
allows it to, keeping every word: a misplaced element is unwrapped (its content stays), a
stray list item or row is wrapped in the list or row it needs."""

import re
import sys
import threading
from collections import deque
from html import escape
from html.parser import HTMLParser

import markdown as markdown_library
import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "blockquote", "code", "pre",
    "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_ATTRIBUTE_VALUES = {"th": {"scope": {"row", "col", "rowgroup", "colgroup"}}}

# Code points HTML forbids in a document: controls other than whitespace, and noncharacters.
FORBIDDEN_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef"
    + "".join(f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0, sys.maxunicode, 0x10000))
    + "]"
)

VOID_TAGS = {"br", "hr"}
PHRASING = {"strong", "em", "b", "i", "code", "a", "br"}
FLOW = ALLOWED_TAGS - {"li", "thead", "tbody", "tr", "th", "td"}
# What each element may hold; the fragment itself and every other element hold flow content.
CONTENT = {
    **dict.fromkeys(["p", "h3", "h4", "h5", "h6", "pre", *PHRASING], PHRASING),
    "ul": {"li"},
    "ol": {"li"},
    "table": {"thead", "tbody"},
    "thead": {"tr"},
    "tbody": {"tr"},
    "tr": {"th", "td"},
}
# The element that holds, in a list or a table, what does not belong there by itself.
WRAPPER = {"ul": "li", "ol": "li", "table": "tbody", "thead": "tr", "tbody": "tr", "tr": "td"}


_parsers = threading.local()


def _markdown(text: str) -> str:
    """Markdown to HTML with one parser per thread, reset between texts: building a parser
    (its extensions and patterns) took about half of each conversion, and a page or a
    feed converts dozens of texts. A parser is not safe to share between threads."""
    parser = getattr(_parsers, "parser", None)
    if parser is None:
        parser = _parsers.parser = markdown_library.Markdown(
            extensions=["sane_lists", "tables"], output_format="html"
        )
    try:
        return parser.convert(text)
    finally:
        parser.reset()


def render_markdown(text: str) -> str:
    text = FORBIDDEN_CHARACTERS.sub("", text or "")
    html = _markdown(text)
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        tag_attribute_values=ALLOWED_ATTRIBUTE_VALUES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return _conform(cleaned)


class _Element:
    def __init__(self, tag: str, attributes=(), children=None):
        self.tag = tag
        self.attributes = list(attributes)
        self.children = [] if children is None else children

    def __str__(self) -> str:
        attributes = "".join(f' {name}="{escape(value or "")}"' for name, value in self.attributes)
        if self.tag in VOID_TAGS:
            return f"<{self.tag}{attributes}>"
        return f"<{self.tag}{attributes}>{''.join(_serialise(child) for child in self.children)}</{self.tag}>"


def _serialise(node) -> str:
    return escape(node, quote=False) if isinstance(node, str) else str(node)


class _TreeBuilder(HTMLParser):
    """nh3's output as a tree: it is the serialisation of a parsed document, so every tag
    but a void one is closed, in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = _Element("")
        self._open = [self.root]

    def handle_starttag(self, tag, attrs):
        element = _Element(tag, attrs)
        self._open[-1].children.append(element)
        if tag not in VOID_TAGS:
            self._open.append(element)

    def handle_endtag(self, tag):
        if len(self._open) > 1 and self._open[-1].tag == tag:
            self._open.pop()

    def handle_data(self, data):
        self._open[-1].children.append(data)


def _conform(html: str) -> str:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    _conform_children(builder.root, in_link=False)
    return "".join(_serialise(child) for child in builder.root.children)


def _conform_children(element: _Element, *, in_link: bool) -> None:
    allowed = CONTENT.get(element.tag, FLOW)
    wrapper_tag = WRAPPER.get(element.tag)
    pending = deque(element.children)
    children = []
    made = None  # the wrapper made last, which takes the next misplaced node too
    while pending:
        node = pending.popleft()
        if isinstance(node, str) and made is not None and not node.strip():
            made.children.append(node)  # the space between two misplaced nodes stays between them
            continue
        if isinstance(node, str):
            fits = wrapper_tag is None or not node.strip()
        elif node.tag == "a" and (in_link or not any(name == "href" for name, _ in node.attributes)):
            pending.extendleft(reversed(node.children))  # a link without a target, or in a link: its text
            continue
        else:
            fits = node.tag in allowed
        if fits:
            children.append(node)
            made = None
        elif wrapper_tag is not None:
            if made is None:
                made = _Element(wrapper_tag)
                children.append(made)
            made.children.append(node)
        elif node.tag == "li" and allowed is FLOW:  # a list item outside a list: in a list of its own
            if made is None:
                made = _Element("ul")
                children.append(made)
            made.children.append(node)
        else:  # a block where only text may go, or a table part outside a table: its content
            pending.extendleft(reversed([*node.children, " "] if allowed is PHRASING else node.children))
    for child in children:
        if isinstance(child, _Element):
            _conform_children(child, in_link=in_link or child.tag == "a")
    element.children = [child for child in children if not _is_empty_row(child)]


def _is_empty_row(node) -> bool:
    """A table row without cells, which HTML does not allow."""
    return (
        isinstance(node, _Element)
        and node.tag == "tr"
        and not any(isinstance(c, _Element) for c in node.children)
    )
