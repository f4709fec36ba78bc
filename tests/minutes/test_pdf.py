import io
import logging
import os
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from xml.etree import ElementTree

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from pypdf.generic import BooleanObject

from minutes.pdf import minutes_pdf_html, render_minutes_pdf
from minutes.templatetags.minutes import attendance_sections, page_of_pages_css

GROUP = "Lagans lokala utvecklingsgrupp"
ITEM_TITLES = ["Belysning vid Lagans skola", "Badplatsen vid Lagan", "Sakfrågor sedan förra mötet"]
NAMES = [
    "Anna Åkesson",
    "Örjan Ärlig",
    "Jürgen Müller",
    "Renée Lefèvre",
    "Дмитрий Иванов",
    "Ελένη Παπαδοπούλου",
]
PDFA_ID = "{http://www.aiim.org/pdfa/ns/id/}"


def make_content(**meeting):
    return {
        "meeting": {
            "title": "Vårmöte 2026",
            "kind": "group_meeting",
            "group": GROUP,
            "area": "Lagan",
            "starts_at": "2026-03-12T18:00:00+01:00",
            "ends_at": "2026-03-12T20:30:00+01:00",
            "venue": "Lagans bygdegård",
            **meeting,
        },
        "attendance": [
            {"kind": "member", "name": "Anna Åkesson", "organisation": "Lagans samhällsförening"},
            {"kind": "member", "name": "Örjan Ärlig", "organisation": "Lagans samhällsförening"},
            {"kind": "member", "name": "Дмитрий Иванов", "organisation": "Lagans IF"},
            {"kind": "official", "name": "Ελένη Παπαδοπούλου", "organisation": ""},
            {"kind": "elected", "name": "Renée Lefèvre", "organisation": "Kommunstyrelsen"},
            {"kind": "guest", "name": "Jürgen Müller", "organisation": "Café Åsen"},
        ],
        "items": [
            {
                "title": ITEM_TITLES[0],
                "notes": "Det är *mörkt* på **Skolvägen** om kvällarna.\n\n- lampor saknas\n- buskar skymmer",
                "agreed": "Gatuenheten ser över belysningen före hösten.",
                "issues": [
                    {
                        "title": "Belysning Skolvägen",
                        "status": "open",
                        "department": "Gata och trafik",
                        "committee": "",
                    }
                ],
            },
            {
                "title": ITEM_TITLES[1],
                "notes": "Bryggan behöver lagas.",
                "agreed": "",
                "issues": [
                    {
                        "title": "Ny brygga",
                        "status": "referred_to_budget",
                        "department": "Park och skötsel",
                        "committee": "Samhällsbyggnadsutskottet",
                    }
                ],
            },
            {"title": ITEM_TITLES[2], "notes": "", "agreed": "Inga nya frågor.", "issues": []},
        ],
    }


def make_release(**facts):
    return {
        "number": 2,
        "released_at": datetime(2026, 3, 20, 13, 5, tzinfo=UTC),
        "released_by": "Eva Samordnare",
        "approvals": [{"name": "Olle Tjänsteperson", "at": "2026-03-18T10:00:00+01:00"}],
        "sign_offs": [{"name": "Anna Åkesson", "at": "2026-03-19T09:30:00+01:00"}],
        "override_reason": "",
        "correction_reason": "",
        **facts,
    }


@pytest.fixture(scope="module")
def pdf():
    return render_minutes_pdf(content=make_content(), release=make_release())


@pytest.fixture(scope="module")
def reader(pdf):
    return PdfReader(io.BytesIO(pdf))


def text_of(reader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def structure_tags(node, found=None) -> set[str]:
    found = set() if found is None else found
    node = node.get_object()
    if isinstance(node, dict):
        if "/S" in node:
            found.add(node["/S"])
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [] if kids is None else [kids]:
            structure_tags(kid, found)
    return found


def font_names(reader) -> set[str]:
    """The embedded fonts, without the subset prefix (ABCDEF+)."""
    return {
        font.get_object()["/BaseFont"].split("+", 1)[-1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }


# Content ------------------------------------------------------------------------------


def test_render_minutes_pdf_text_holds_group_date_and_every_item(reader):
    text = text_of(reader)

    assert GROUP in text
    assert "torsdag 12 mars 2026" in text
    assert "18:00–20:30" in text
    assert [title in text for title in ITEM_TITLES] == [True, True, True]


def test_render_minutes_pdf_numbers_the_pages_in_the_footer(reader):
    total = len(reader.pages)

    assert "Sida 1 av " in reader.pages[0].extract_text()
    assert f"Sida {total} av {total}" in reader.pages[-1].extract_text()


@pytest.mark.parametrize("name", NAMES)
def test_render_minutes_pdf_keeps_names_in_every_script(reader, name):
    assert name in text_of(reader)


def test_render_minutes_pdf_shows_issues_with_the_responsible(reader):
    text = text_of(reader)

    assert "Belysning Skolvägen" in text
    assert "Gata och trafik" in text
    assert "Park och skötsel, Samhällsbyggnadsutskottet" in text


def test_render_minutes_pdf_shows_who_released_approved_and_signed_off(reader):
    text = text_of(reader)

    assert "Eva Samordnare" in text
    assert "Olle Tjänsteperson (18 mars 2026)" in text
    assert "Anna Åkesson (19 mars 2026)" in text
    assert "20 mars 2026, 14:05" in text


def test_render_minutes_pdf_shows_the_override_and_correction_reasons():
    release = make_release(
        override_reason="Tjänstepersonen är föräldraledig.", correction_reason="Fel bryggplats."
    )

    text = text_of(PdfReader(io.BytesIO(render_minutes_pdf(content=make_content(), release=release))))

    assert "Tjänstepersonen är föräldraledig." in text
    assert "Fel bryggplats." in text


def test_render_minutes_pdf_without_a_logo_file_shows_the_name(settings):
    settings.MUNICIPALITY_NAME = "Lindesbergs kommun"
    settings.MUNICIPALITY_LOGO = "img/finns-inte.svg"

    reader = PdfReader(io.BytesIO(render_minutes_pdf(content=make_content(), release=make_release())))

    assert reader.pages[0].extract_text().splitlines()[0] == "Lindesbergs kommun"
    assert reader.metadata.author == "Lindesbergs kommun"


# Archival format ----------------------------------------------------------------------


def test_render_minutes_pdf_declares_the_language(reader):
    assert reader.trailer["/Root"]["/Lang"] == "sv"


def test_render_minutes_pdf_declares_pdfa_2a(reader):
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    rdf = ElementTree.fromstring(xmp)  # noqa: S314 (the metadata the test itself just rendered)
    descriptions = rdf.iter("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}Description")
    identification = next(element for element in descriptions if f"{PDFA_ID}part" in element.attrib)

    assert identification.attrib[f"{PDFA_ID}part"] == "2"
    assert identification.attrib[f"{PDFA_ID}conformance"] == "A"


def test_render_minutes_pdf_is_tagged_with_headings_lists_and_tables(reader):
    root = reader.trailer["/Root"]

    assert root["/MarkInfo"]["/Marked"] == BooleanObject(True)
    tags = structure_tags(root["/StructTreeRoot"])
    assert {"/H1", "/H2", "/H3", "/L", "/LI", "/Table", "/TH", "/TD", "/P", "/Figure"} <= tags


def test_render_minutes_pdf_has_title_and_author(reader):
    with translation.override("sv"):
        title = gettext("Minutes, %(group)s, %(date)s") % {"group": GROUP, "date": "12 mars 2026"}

    assert reader.metadata.title == title
    assert reader.metadata.author == "Ljungby kommun"


def test_render_minutes_pdf_embeds_only_the_fonts_of_the_app(reader):
    # @font-face names the families "Ludgrupper ...": a font of the machine would show its own
    # name. The symbols font draws the square bullets of the issue lists.
    assert font_names(reader) == {
        "Ludgrupper-Sans",
        "Ludgrupper-Sans-Bold",
        "Ludgrupper-Sans-Italic",
        "Ludgrupper-Symbols",
    }


def test_render_minutes_pdf_loads_every_resource(caplog):
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        render_minutes_pdf(content=make_content(), release=make_release())

    assert [record.getMessage() for record in caplog.records if record.name.startswith("weasyprint")] == []


def test_render_minutes_pdf_passes_qpdf_check(pdf, tmp_path):
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        pytest.fail("qpdf is missing; install it with: apt-get install qpdf")
    path = tmp_path / "minutes.pdf"
    path.write_bytes(pdf)

    result = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True, check=False)

    assert result.returncode == 0, result.stdout + result.stderr


# Every script people write ------------------------------------------------------------

# What residents of a Swedish municipality type into a proposal or the minutes: each sample
# becomes an item's title (bold) and its notes (regular, then italic).
SCRIPTS = {
    "swedish": "Välkomna till Åsen och Öjaby: åäö ÅÄÖ é",
    "emoji": "Hej 👋 från skogen 🌲",
    "arabic": "مرحبا بكم",
    "hebrew": "שלום וברוכים הבאים",
    "thai": "ยินดีต้อนรับ",
    "tigrinya": "እንቋዕ ብደሓን መጻእኩም",
    "cjk": "日本語の会議",
}
SCRIPTS_MEETING_TITLE = "Vårmöte för alla 👋 日本語 مرحبا بكم"
# pdftotext marks right-to-left runs with bidirectional embedding controls (RLE ... PDF).
BIDI_CONTROLS = dict.fromkeys(range(0x202A, 0x202F))


def scripts_content():
    content = make_content(title=SCRIPTS_MEETING_TITLE)
    content["items"] = [
        {"title": sample, "notes": f"{sample}\n\n*{sample}*", "agreed": "", "issues": []}
        for sample in SCRIPTS.values()
    ]
    return content


def scripts_lines() -> list[str]:
    """The lines of the PDF that hold a sample, in reading order."""
    lines = [SCRIPTS_MEETING_TITLE]
    for number, sample in enumerate(SCRIPTS.values(), start=1):
        lines += [f"{number}. {sample}", sample, sample]
    return lines


@pytest.fixture(scope="module")
def scripts_pdf():
    return render_minutes_pdf(content=scripts_content(), release=make_release())


@pytest.fixture(scope="module")
def scripts_reader(scripts_pdf):
    return PdfReader(io.BytesIO(scripts_pdf))


def lines_with_a_sample(text: str) -> list[str]:
    return [line for line in text.splitlines() if any(sample in line for sample in SCRIPTS.values())]


def to_unicode_map(font) -> dict[int, str]:
    """Glyph code to text, from the font's ToUnicode CMap (WeasyPrint writes bfchar entries)."""
    cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
    return {
        int(code, 16): bytes.fromhex(text).decode("utf-16-be")
        for code, text in re.findall(r"<([0-9a-f]{4})> <([0-9a-f]+)>", cmap)
    }


def font_program(font) -> TTFont:
    descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
    stream = descriptor.get("/FontFile2") or descriptor["/FontFile3"]
    return TTFont(io.BytesIO(stream.get_object().get_data()))


def has_outline(program: TTFont, glyph: int) -> bool:
    """Whether the font program draws the glyph: not .notdef, not an empty (bitmap) glyph."""
    order = program.getGlyphOrder()
    if glyph == 0 or glyph >= len(order):
        return False
    glyphs = program.getGlyphSet()
    pen = BoundsPen(glyphs)
    glyphs[order[glyph]].draw(pen)
    return pen.bounds is not None


# The text operators of a content stream as WeasyPrint writes them: a font selection, a
# string of glyph codes (hexadecimal, two bytes a glyph) or an array of them with kerning,
# or a form XObject. (pypdf's parser turns two-byte strings into text, losing the codes.)
CONTENT_TOKENS = re.compile(
    rb"/(?P<font>[^\s/\[<]+) [-\d.]+ Tf|(?P<array>\[[^\]]*\]) ?TJ|(?P<string><[0-9a-fA-F]*>) ?Tj"
    rb"|/(?P<xobject>[^\s/\[<]+) Do"
)


def shown_glyphs(reader):
    """(font, glyph code) of every glyph the pages show, form XObjects included."""

    def walk(data: bytes, resources):
        font = None
        for token in CONTENT_TOKENS.finditer(data):
            if token["font"]:
                font = resources["/Font"]["/" + token["font"].decode()].get_object()
            elif token["xobject"]:
                xobject = resources["/XObject"]["/" + token["xobject"].decode()].get_object()
                if xobject["/Subtype"] == "/Form":
                    yield from walk(xobject.get_data(), xobject.get("/Resources", resources))
            else:
                for codes in re.findall(rb"<([0-9a-fA-F]*)>", token["array"] or token["string"]):
                    glyphs = bytes.fromhex(codes.decode())
                    for index in range(0, len(glyphs), 2):
                        yield font, int.from_bytes(glyphs[index : index + 2], "big")

    for page in reader.pages:
        yield from walk(page.get_contents().get_data(), page["/Resources"])


def shown_texts(reader) -> list[tuple[str, bool]]:
    """The text of every glyph the pages show, and whether the font it is set in draws it."""
    programs, maps, texts = {}, {}, []
    for font, glyph in shown_glyphs(reader):
        key = font.indirect_reference.idnum
        if key not in programs:
            programs[key], maps[key] = font_program(font), to_unicode_map(font)
        texts.append((maps[key].get(glyph, ""), has_outline(programs[key], glyph)))
    return texts


def test_render_minutes_pdf_draws_every_character_of_every_script(scripts_reader):
    characters = {character for sample in [*SCRIPTS.values(), SCRIPTS_MEETING_TITLE] for character in sample}

    shown = shown_texts(scripts_reader)

    drawn = {character for text, has_glyph in shown if has_glyph for character in text}
    assert sorted(characters - {" "} - drawn) == []
    assert sorted({text for text, has_glyph in shown if not has_glyph and not text.isspace()}) == []


def test_render_minutes_pdf_sets_every_script_in_the_fonts_of_the_app(scripts_reader):
    assert font_names(scripts_reader) == {
        "Ludgrupper-Sans",
        "Ludgrupper-Sans-Bold",
        "Ludgrupper-Sans-Italic",
        "Ludgrupper-Arabic",
        "Ludgrupper-Arabic-Bold",
        "Ludgrupper-Hebrew",
        "Ludgrupper-Hebrew-Bold",
        "Ludgrupper-Thai",
        "Ludgrupper-Thai-Bold",
        "Ludgrupper-Ethiopic",
        "Ludgrupper-Ethiopic-Bold",
        "Ludgrupper-CJK",
        "Ludgrupper-CJK-Bold",
        "Ludgrupper-Emoji",
        "Ludgrupper-Emoji-Bold",
    }


def test_render_minutes_pdf_of_every_script_logs_no_missing_glyph(caplog):
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        render_minutes_pdf(content=scripts_content(), release=make_release())

    assert [record.getMessage() for record in caplog.records if record.name.startswith("weasyprint")] == []


def test_render_minutes_pdf_text_of_every_script_extracts_back_with_pypdf(scripts_reader):
    assert lines_with_a_sample(text_of(scripts_reader)) == scripts_lines()


def test_render_minutes_pdf_text_of_every_script_extracts_back_with_pdftotext(scripts_pdf, tmp_path):
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.fail("pdftotext is missing; install it with: apt-get install poppler-utils")
    path = tmp_path / "minutes.pdf"
    path.write_bytes(scripts_pdf)

    result = subprocess.run(
        [pdftotext, "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    )

    assert lines_with_a_sample(result.stdout.translate(BIDI_CONTROLS)) == scripts_lines()


def test_render_minutes_pdf_is_the_same_on_a_machine_without_fonts(scripts_pdf, tmp_path):
    """The fonts are the app's: a server with no font installed renders the same PDF."""
    empty = tmp_path / "fonts.conf"
    empty.write_text('<?xml version="1.0"?>\n<fontconfig></fontconfig>\n')
    script = (
        "import sys, django; django.setup()\n"
        "from minutes.pdf import render_minutes_pdf\n"
        "from tests.minutes.test_pdf import make_release, scripts_content\n"
        "sys.stdout.buffer.write(render_minutes_pdf(content=scripts_content(), release=make_release()))\n"
    )
    environment = {
        **os.environ,
        "FONTCONFIG_FILE": str(empty),
        "DJANGO_SETTINGS_MODULE": "ludgrupper.settings",
    }

    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        env=environment,
        cwd=settings.BASE_DIR,
        check=False,
    )

    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == scripts_pdf


def test_render_minutes_pdf_of_every_script_passes_qpdf_check(scripts_pdf, tmp_path):
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        pytest.fail("qpdf is missing; install it with: apt-get install qpdf")
    path = tmp_path / "minutes.pdf"
    path.write_bytes(scripts_pdf)

    result = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True, check=False)

    assert result.returncode == 0, result.stdout + result.stderr


# Safety -------------------------------------------------------------------------------

UNSAFE_MARKDOWN = (
    'Före <script>alert("skript")</script> efter.\n\n'
    '<iframe src="https://example.com/ram"></iframe>\n\n'
    '<img src="x" onerror="alert(1)">\n\n'
    '[Klicka här](javascript:alert(2)) och <a href="javascript:alert(3)">här</a>.'
)


def unsafe_content():
    content = make_content()
    content["items"][0]["notes"] = UNSAFE_MARKDOWN
    content["items"][0]["agreed"] = UNSAFE_MARKDOWN
    return content


def test_minutes_pdf_html_drops_scripts_frames_handlers_and_javascript_links():
    html = minutes_pdf_html(content=unsafe_content(), release=make_release()).lower()

    assert [marker in html for marker in ("<script", "<iframe", "onerror", "javascript:", "alert(")] == [
        False,
        False,
        False,
        False,
        False,
    ]
    assert "klicka här" in html


def test_render_minutes_pdf_drops_unsafe_markdown_from_the_text():
    text = text_of(
        PdfReader(io.BytesIO(render_minutes_pdf(content=unsafe_content(), release=make_release())))
    )

    assert "Före efter." in text
    assert "alert" not in text
    assert "javascript" not in text


# Helpers ------------------------------------------------------------------------------


def test_attendance_sections_groups_representatives_under_their_organisation():
    sections = attendance_sections(make_content()["attendance"])

    with translation.override("en"):
        headings = [(section["kind"], str(section["heading"])) for section in sections]
    assert headings == [
        ("member", "Representatives"),
        ("official", "Officials"),
        ("elected", "Elected representatives"),
        ("guest", "Guests"),
    ]
    assert sections[0]["organisations"] == [
        {"name": "Lagans IF", "people": ["Дмитрий Иванов"]},
        {"name": "Lagans samhällsförening", "people": ["Anna Åkesson", "Örjan Ärlig"]},
    ]
    assert [person["name"] for person in sections[3]["people"]] == ["Jürgen Müller"]


def test_page_of_pages_css_is_translated_with_page_counters():
    with translation.override("sv"):
        css = page_of_pages_css()

    assert css == '"Sida " counter(page) " av " counter(pages)'
