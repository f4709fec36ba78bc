"""Browser tests: real Chromium through Playwright, against pytest-django's live_server.

Every test in this folder is marked `browser`, so `pytest -m "not browser"` (make test) skips
them and `pytest -m browser` (make test-browser) runs them.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API keeps an asyncio event loop in the main thread; without this, Django
# refuses database access from the test itself (SynchronousOnlyOperation).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

HERE = Path(__file__).resolve().parent
AXE_PATH = HERE / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


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


@pytest.fixture
def new_page(browser):
    """A factory: each call opens a page in a fresh browser context (its own cookies).

    `bypass_csp` is only there so that axe can be injected; the site's CSP allows scripts
    from 'self' only.
    """
    contexts = []

    def make(**context_options):
        context_options.setdefault("bypass_csp", True)
        context_options.setdefault("locale", "sv-SE")
        context = browser.new_context(**context_options)
        context.set_default_timeout(10_000)
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
