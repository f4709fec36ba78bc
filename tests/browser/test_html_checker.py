"""What render_markdown makes of tricky input, judged by the Nu HTML checker in the same run as
every page of the browser tests (at the end of the session, see conftest.html_pages)."""

from core.markdown import render_markdown
from tests.test_markdown import TRICKY

DOCUMENT = (
    '<!DOCTYPE html><html lang="sv"><head><title>Markdown</title></head><body><main>{}</main></body></html>'
)


def test_tricky_markdown_goes_to_the_html_checker(html_pages):
    before = len(html_pages.sources)

    for name, (text, _) in TRICKY.items():
        html_pages.add(f"render_markdown: {name}", DOCUMENT.format(render_markdown(text)))

    assert len(html_pages.sources) - before == len(TRICKY)
