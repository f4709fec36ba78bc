"""render_markdown: safe (nh3 drops what could run) and valid HTML, whatever people type.

The browser session also hands TRICKY to the Nu HTML checker (tests/browser/test_html_checker.py)."""

import pytest

from core.markdown import render_markdown

REL = 'rel="noopener noreferrer nofollow"'

# What people type (Markdown, raw HTML, both half-finished) and the HTML it must become.
TRICKY = {
    "unclosed-inline-tag": ("<b>bold", "<p><b>bold</b></p>"),
    "unclosed-block-tag": ("<div>\ntext\n\nmore", "\ntext\n\nmore"),
    "paragraph-in-an-unknown-element": (
        "Före <object><p>inuti</p></object> efter",
        "<p>Före inuti  efter</p>",
    ),
    "paragraph-in-a-button": ("<p>a<button><p>b</p></button></p>", "<p>ab </p>"),
    "paragraph-in-pre": ("<pre><p>x</p></pre>", "<pre>x </pre>"),
    "javascript-link": ("Se [sidan](javascript:alert(1)).", "<p>Se sidan.</p>"),
    "raw-javascript-link": ('Se <a href="javascript:alert(1)">här</a>.', "<p>Se här.</p>"),
    "link-without-href": ('<a name="x">ankare</a>', "<p>ankare</p>"),
    "heading-in-a-link": (
        '<a href="https://example.se/"><h3>x</h3></a>',
        f'<p><a href="https://example.se/" {REL}></a></p><h3><a href="https://example.se/" {REL}>x</a></h3><p></p>',
    ),
    "rule-in-bold": ("<b>\n\n---\n\n</b>", "<p><b></b></p><b>\n \n</b><p><b></b></p>"),
    "list-item-without-list": ("<li>x</li><li>y</li>", "<ul><li>x</li>\n<li>y</li></ul>"),
    "list-item-in-bold": ("<b><li>x</li></b>", "<p><b></b></p><ul><li><b>x</b></li></ul><p></p>"),
    "text-in-a-list": ("<ul>text<b>b</b><li>x</li></ul>", "<ul><li>text<b>b</b></li><li>x</li></ul>"),
    "table-caption": (
        "<table><caption>Rubrik</caption><tr><td>x</td></tr></table>",
        "<table><tbody><tr><td>Rubrik</td></tr></tbody><tbody><tr><td>x</td></tr></tbody></table>",
    ),
    "row-without-cells": ("<table><tr> </tr></table>", "<table><tbody></tbody></table>"),
    "cells-without-table": ("<td>x</td><td>y</td>", "x\ny"),
    "bad-header-scope": (
        '<table><tr><th scope="foo">x</th><th scope="col">y</th></tr></table>',
        '<table><tbody><tr><th>x</th><th scope="col">y</th></tr></tbody></table>',
    ),
    "forbidden-characters": ("a\x01b\x0bc\x7fd\x85e\ufdd0f\uffffg\U0010ffffh", "<p>abcdefgh</p>"),
    "svg": ("<svg><p>x</p></svg>", "<p></p><p>x</p><p></p>"),
    "escaped-markup": ("`<b>` &amp; &lt;b&gt;", "<p><code>&lt;b&gt;</code> &amp; &lt;b&gt;</p>"),
    "markdown": (
        '## Rubrik\n\nEtt *stycke* med **fet** text och [länk](https://example.se/ "titel").\n\n- ett\n- två\n\n'
        "> citat\n\n    kod\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n---\n",
        "Rubrik\n"
        f'<p>Ett <em>stycke</em> med <strong>fet</strong> text och <a href="https://example.se/" title="titel" {REL}>'
        "länk</a>.</p>\n<ul>\n<li>ett</li>\n<li>två</li>\n</ul>\n<blockquote>\n<p>citat</p>\n</blockquote>\n"
        "<pre><code>kod\n</code></pre>\n<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n"
        "<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>\n<hr>",
    ),
}


@pytest.mark.parametrize(("text", "expected"), TRICKY.values(), ids=TRICKY.keys())
def test_render_markdown_keeps_every_word_in_valid_html(text, expected):
    assert render_markdown(text) == expected


@pytest.mark.parametrize("text", ["", None])
def test_render_markdown_of_nothing_is_empty(text):
    assert render_markdown(text) == ""


def test_render_markdown_drops_scripts_and_their_content():
    html = render_markdown('Före <script>alert("skript")</script> efter.\n\n<img src="x" onerror="alert(1)">')

    assert html == "<p>Före  efter.</p>\n<p></p>"
