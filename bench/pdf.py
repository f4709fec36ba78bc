"""How long the archival PDF of typical minutes takes to render.

Run from the project root: .venv/bin/python bench/pdf.py [rounds]

Typical minutes: eight items with a few paragraphs each, fifteen people from six
organisations, a handful of issues; about four A4 pages. The first round pays for loading
WeasyPrint and the fonts, as a fresh worker would; the median is what a release costs.

Alternated with WeasyPrint's floor, the same text without the project's stylesheet and fonts,
written as a plain PDF and as a plain PDF/A-2a (tagged, as the minutes must be): processor time
for the whole text, and per page."""

import io
import logging
import os
import re
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ludgrupper.settings")

import django  # noqa: E402

django.setup()
# The progress lines ("Step 1 - ...") would drown the figures.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

from pypdf import PdfReader  # noqa: E402

from minutes.pdf import minutes_pdf_html, render_minutes_pdf  # noqa: E402

ORGANISATIONS = {
    "Lagans samhällsförening": ["Anna Åkesson", "Per-Olof Ström", "Birgitta Lövgren"],
    "Lagans IF": ["Johan Ek", "Fatima Haddad", "Mikael Sjöberg"],
    "Lagans hembygdsförening": ["Gunnel Nyström", "Åke Fransson"],
    "Lagadalens företagarförening": ["Sara Lindqvist", "Dmitrij Petrov"],
    "PRO Lagan": ["Karin Ståhl"],
    "Lagans bygdegårdsförening": ["Lars Öberg"],
}
OTHERS = [
    {"kind": "official", "name": "Eva Samordnare", "organisation": ""},
    {"kind": "official", "name": "Olle Parkchef", "organisation": ""},
    {"kind": "elected", "name": "Ingrid Holm", "organisation": "Samhällsbyggnadsutskottet"},
]

PARAGRAPHS = [
    "Gruppen diskuterade läget sedan förra mötet. Flera boende har hört av sig om att "
    "belysningen längs Skolvägen och gång- och cykelvägen mot stationen är otillräcklig under "
    "vinterhalvåret, särskilt vid busshållplatsen där barnen väntar på morgonen.",
    "Samordnaren redogjorde för hur ärendet har hanterats inom tjänstemannagruppen och vilka "
    "åtgärder som redan finns i verksamhetsplanen. Kostnaderna för nya armaturer ryms inte i "
    "årets driftbudget, men kan lyftas in i investeringsprocessen inför nästa år.",
    "Representanterna för föreningarna framhöll att ideella krafter gärna bidrar med "
    "arbetsinsatser, till exempel vid röjning av sly och vid enklare underhåll, om kommunen står "
    "för material och säkerhetsutrustning.",
    "Det framkom också att informationen till invånarna kan förbättras. Förslag lämnades om att "
    "sätta upp anslag i affären och på bygdegården samt att använda förslagslådan vid biblioteket.",
]
TOPICS = [
    "Belysning längs Skolvägen",
    "Badplatsen vid Lagan: brygga och toaletter",
    "Trafiksäkerhet vid skolan",
    "Bygdefonden: ansökningar 2026",
    "Föreningarnas lokaler och bokning",
    "Sommarens aktiviteter för unga",
    "Återkoppling på sakfrågor från förra mötet",
    "Övriga frågor och nästa möte",
]
ISSUES = {
    0: [
        {
            "title": "Nya armaturer Skolvägen",
            "status": "open",
            "department": "Gata och trafik",
            "committee": "",
        }
    ],
    1: [
        {
            "title": "Renovering av bryggan",
            "status": "referred_to_budget",
            "department": "Park och skötsel",
            "committee": "Samhällsbyggnadsutskottet",
        }
    ],
    2: [
        {
            "title": "Hastighetsdämpning vid skolan",
            "status": "in_progress",
            "department": "Gata och trafik",
            "committee": "",
        }
    ],
    6: [
        {
            "title": "Skyltning vid vandringsleden",
            "status": "answered",
            "department": "Friluftsliv",
            "committee": "",
        }
    ],
}


def typical_content() -> dict:
    attendance = [
        {"kind": "member", "name": name, "organisation": organisation}
        for organisation, names in ORGANISATIONS.items()
        for name in names
    ] + OTHERS
    items = [
        {
            "title": topic,
            "notes": "\n\n".join(PARAGRAPHS[: 1 + index % 3])
            + "\n\n- Synpunkter från boende\n- Underlag från tjänstemannagruppen",
            "agreed": "Gruppen enades om att **samordnaren** tar frågan vidare till berörd verksamhet och "
            "återkopplar vid nästa möte.",
            "issues": ISSUES.get(index, []),
        }
        for index, topic in enumerate(TOPICS)
    ]
    return {
        "meeting": {
            "title": "Vårmöte 2026",
            "kind": "group_meeting",
            "group": "Lagans lokala utvecklingsgrupp",
            "area": "Lagan",
            "starts_at": "2026-03-12T18:00:00+01:00",
            "ends_at": "2026-03-12T20:30:00+01:00",
            "venue": "Lagans bygdegård",
        },
        "attendance": attendance,
        "items": items,
    }


def typical_release() -> dict:
    return {
        "number": 1,
        "released_at": datetime(2026, 3, 20, 13, 5, tzinfo=UTC),
        "released_by": "Eva Samordnare",
        "approvals": [{"name": "Olle Parkchef", "at": "2026-03-18T10:00:00+01:00"}],
        "sign_offs": [{"name": "Anna Åkesson", "at": "2026-03-19T09:30:00+01:00"}],
        "override_reason": "",
        "correction_reason": "",
    }


def plain_document(content: dict, release: dict) -> str:
    """WeasyPrint's floor: the same text without the project's stylesheet, fonts or page
    furniture (the machine's default font, a plain PDF). In the default font's larger type it
    breaks into more pages (6 against 4)."""
    html = minutes_pdf_html(content=content, release=release)
    html = re.sub(r"<link rel=\"stylesheet\"[^>]*>|<style>.*?</style>", "", html, flags=re.S)
    return html


def _timed(render, rounds: int) -> tuple[list[float], list[float], bytes]:
    seconds, cpu_seconds = [], []
    for _ in range(rounds):
        start, cpu_start = time.perf_counter(), time.process_time()
        pdf = render()
        seconds.append(time.perf_counter() - start)
        cpu_seconds.append(time.process_time() - cpu_start)
    return seconds, cpu_seconds, pdf


def main(rounds: int = 20) -> None:
    from weasyprint import HTML

    content, release = typical_content(), typical_release()
    plain = plain_document(content, release)
    # Alternated, so that both see the same machine.
    # The floor twice: a plain PDF, and a plain PDF/A-2a (tagged, as the minutes must be).
    minutes_cpu, floor_cpu, archival_floor_cpu, minutes_wall = [], [], [], []
    for _ in range(rounds):
        seconds, cpu, pdf = _timed(lambda: render_minutes_pdf(content=content, release=release), 1)
        minutes_wall += seconds
        minutes_cpu += cpu
        _seconds, cpu, floor_pdf = _timed(lambda: HTML(string=plain).write_pdf(), 1)
        floor_cpu += cpu
        _seconds, cpu, _pdf = _timed(lambda: HTML(string=plain).write_pdf(pdf_variant="pdf/a-2a"), 1)
        archival_floor_cpu += cpu
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    floor_pages = len(PdfReader(io.BytesIO(floor_pdf)).pages)
    print(
        f"rounds: {rounds}, minutes PDF: {pages} pages, {len(pdf) / 1024:.0f} KiB; plain: {floor_pages} pages"
    )
    print(f"minutes first (cold): {minutes_wall[0]:.3f} s, median {statistics.median(minutes_wall):.3f} s")
    # Processor time: steadier than the clock on a busy machine. Per page, as the plain
    # document may break into another number of pages.
    minutes_median, floor_median = statistics.median(minutes_cpu[1:]), statistics.median(floor_cpu[1:])
    archival_median = statistics.median(archival_floor_cpu[1:])
    print(
        f"cpu median: minutes {minutes_median:.3f} s, plain {floor_median:.3f} s, plain PDF/A-2a {archival_median:.3f} s"
    )
    print(
        f"same text: ratio {minutes_median / floor_median:.2f} to the plain PDF, "
        f"{minutes_median / archival_median:.2f} to the plain PDF/A-2a"
    )
    print(
        f"per page: minutes {minutes_median / pages:.3f} s, plain {floor_median / floor_pages:.3f} s "
        f"(ratio {(minutes_median / pages) / (floor_median / floor_pages):.2f}), plain PDF/A-2a "
        f"{archival_median / floor_pages:.3f} s (ratio {(minutes_median / pages) / (archival_median / floor_pages):.2f})"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
