"""Steps the browser flows share: logging in, submitting a form, reading the message."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations
from tests.conftest import PASSWORD

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SMALL_PHONE = {"width": 320, "height": 640}


def log_in(page, base_url, person, next_path, *, password=PASSWORD) -> None:
    """Log in through the login form and land on next_path."""
    page.goto(f"{base_url}/konto/logga-in/?next={next_path}")
    expect(page.locator("input[name=username]")).to_be_visible()
    assert_no_axe_violations(page)
    page.locator("input[name=username]").fill(person.email)
    page.locator("input[name=password]").fill(password)
    page.locator("main form [type=submit]").click()
    page.wait_for_url(f"{base_url}{next_path}")
    assert_no_axe_violations(page)


def submit(page, action) -> None:
    """Click the button in main that posts to action: the submit button of the form with that
    action, or a second button of another form that posts there (formaction)."""
    page.locator(
        f'main form[action="{action}"] [type=submit]:not([formaction]), '
        f'main form [type=submit][formaction="{action}"]'
    ).click()


def expect_success(page, pattern) -> None:
    expect(page.locator("main .alert-success")).to_contain_text(re.compile(pattern, re.IGNORECASE))
