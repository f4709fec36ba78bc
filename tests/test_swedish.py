"""Every page of the application is Swedish, as each role sees it, error messages included.

The demo data (every kind of page in every state) is crawled from each role's start pages:
every link followed, every page read as a person reads it (text, button labels, ARIA labels,
image texts), and every form with something to type sent back empty and with nonsense, so
that the error messages are read too. English from Django, django-filter or crispy (or a
string of ours missing from the catalogue) shows up as English words.

The same crawl checks that every table that may scroll sideways on a phone can be reached and
scrolled with the keyboard (axe-core's scrollable-region-focusable, which the browser tests only
catch when the demo's figures happen to make a table wider than the screen)."""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import Client, TestCase
from django.test.utils import override_settings
from django.urls import Resolver404, resolve
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from groups import services as group_services
from groups.models import Group
from ludgrupper.management.commands.seed_demo import COORDINATOR_EMAIL

User = get_user_model()

ANONYMOUS = "anonymous"
# Who looks: a role, and the demo person who has the most to see in it.
VISITORS = {
    ANONYMOUS: None,
    "coordinator": COORDINATOR_EMAIL,
    "official": "lena.friberg@ljungby.example.se",
    "official with minutes to review": "ahmed.hassan@ljungby.example.se",
    "representative": "anna.nystrom@example.se",
    "representative with a proposal waiting": "gunnel.fransson@example.se",
    "elected representative": "karin.lindqvist@politik.example.se",
}
START_PATHS = [
    "/",
    "/konto/start/",
    "/konto/logga-in/",
    "/konto/losenord/aterstall/",
    # Where a form leads when it succeeds.
    "/konto/losenord/aterstall/skickad/",
    "/konto/losenord/aterstall/klar/",
    "/konto/losenord/byt/klar/",
]
# Not pages: files, the admin (Django's own pages; some model fields there still lack a Swedish
# name, which needs migrations in their apps), logging out, the language switch.
NOT_CRAWLED = re.compile(r"\.(pdf|ics|css|js|svg|png)$|^/(admin|static|media)/|^/konto/logga-ut/|^/i18n/")

# Words and phrases that give English away: small words no Swedish sentence has, and what
# Django, django-filter and crispy write when a translation is missing.
ENGLISH = re.compile(
    r"\b(?:the|and|of|to|is|are|for|this|with|your|you|not|or|Select|Choose|Unknown|Yes|No|Filter|"
    r"Submit|This field|Enter|Ensure|Please|Previous|Next|Page|Search|Save|Cancel|Back|Log in|Log out|"
    r"Password|Email|None|True|False|Invalid|required|characters|option)\b"
)
TEXT_INPUTS = {"text", "email", "search", "tel", "url", "password", "number", "date", "time", "textarea"}


@dataclass
class Form:
    action: str
    method: str
    # (name, input type, value) in page order; unchecked boxes are left out, as a browser
    # leaves them out, and of radio buttons only the chosen one is sent (when none is chosen
    # yet, the first one that stands for something, as a person must choose one).
    fields: list[tuple[str, str, str]] = field(default_factory=list)
    first_radios: dict[str, str] = field(default_factory=dict)

    @property
    def text_fields(self) -> list[str]:
        return [name for name, kind, _value in self.fields if kind in TEXT_INPUTS]

    def data(self, text: str) -> dict[str, list[str]]:
        """What a browser posts with `text` typed into every text field."""
        posted: dict[str, list[str]] = {}
        for name, kind, value in self.fields:
            posted.setdefault(name, []).append(text if kind in TEXT_INPUTS else value)
        return posted


class PageReader(HTMLParser):
    """What a person reads on a page, where its links lead, and its forms."""

    READ_ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")

    def __init__(self, path, entry_path=None):
        super().__init__(convert_charrefs=True)
        self.path = path
        # The address that led here: a redirect may carry state (a password reset link does).
        self.entry_path = entry_path or path
        self.texts: list[str] = []
        self.links: list[str] = []
        self.forms: list[Form] = []
        # Tables in a sideways-scrolling wrapper that the keyboard cannot reach, or that a
        # screen reader would announce without a name.
        self.unreachable_scroll_regions: list[str] = []
        self._form = None
        self._hidden_depth = 0  # inside <script>, <style> or an element in another language
        self._open = []
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        void = tag in {"input", "img", "br", "hr", "meta", "link", "source"}
        hidden = tag in {"script", "style"} or attributes.get("lang", "sv") != "sv"
        if not void:
            self._open.append((tag, hidden))
            self._hidden_depth += hidden
        if not self._hidden_depth:
            self.texts += [attributes[name] for name in self.READ_ATTRIBUTES if attributes.get(name)]
            if tag == "input" and attributes.get("type") in {"submit", "button"} and attributes.get("value"):
                self.texts.append(attributes["value"])
        if "table-responsive" in (attributes.get("class") or "").split() and not (
            attributes.get("tabindex") == "0"
            and attributes.get("role") == "region"
            and (attributes.get("aria-labelledby") or attributes.get("aria-label"))
        ):
            self.unreachable_scroll_regions.append(self.get_starttag_text())
        if tag == "a" and attributes.get("href"):
            self.links.append(urljoin(self.path, attributes["href"]))
        elif tag == "form":
            self._form = Form(
                action=urljoin(self.path, attributes.get("action") or self.path),
                method=(attributes.get("method") or "get").lower(),
            )
            self.forms.append(self._form)
        elif self._form is not None:
            self._form_field(tag, attributes)

    def _form_field(self, tag, attributes):
        name = attributes.get("name")
        if tag == "input" and name:
            kind = attributes.get("type", "text")
            if kind == "radio" and attributes.get("value", "on"):
                self._form.first_radios.setdefault(name, attributes.get("value", "on"))
            if kind in {"checkbox", "radio"} and "checked" not in attributes:
                return
            if kind not in {"submit", "button", "image", "reset", "file"}:
                self._form.fields.append(
                    (name, kind, attributes.get("value", "on" if kind == "checkbox" else ""))
                )
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select = [name, None, None]  # name, selected value, first value
        elif tag == "option" and self._select is not None:
            value = attributes.get("value", "")
            if self._select[2] is None:
                self._select[2] = value
            if "selected" in attributes:
                self._select[1] = value

    def handle_endtag(self, tag):
        if self._open and self._open[-1][0] == tag:
            _tag, hidden = self._open.pop()
            self._hidden_depth -= hidden
        if tag == "textarea" and self._textarea:
            self._form.fields.append((self._textarea[0], "textarea", self._textarea[1].removeprefix("\n")))
            self._textarea = None
        elif tag == "select" and self._select:
            name, selected, first = self._select
            self._form.fields.append((name, "select", selected if selected is not None else first or ""))
            self._select = None
        elif tag == "form" and self._form is not None:
            chosen = {name for name, kind, _value in self._form.fields if kind == "radio"}
            for name, value in self._form.first_radios.items():
                if name not in chosen:
                    self._form.fields.append((name, "radio", value))
            self._form = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data
        elif not self._hidden_depth and data.strip():
            self.texts.append(data)


def read(path, response, entry_path=None) -> PageReader:
    reader = PageReader(path, entry_path)
    reader.feed(response.content.decode())
    return reader


def english_in(reader: PageReader) -> list[str]:
    found = []
    for text in reader.texts:
        text = " ".join(text.split())
        if ENGLISH.search(text):
            found.append(text)
    return found


def view_name(path) -> str:
    try:
        return resolve(urlsplit(path).path).view_name
    except Resolver404:
        return ""


def crawl(client, start_paths) -> dict[str, PageReader]:
    """Every page reachable by links from start_paths: path → what it says."""
    pages: dict[str, PageReader] = {}
    seen = set()
    queue = list(start_paths)
    led_by = {}  # a redirect's target → the address that led to it
    while queue:
        path = queue.pop(0)
        if path in seen or NOT_CRAWLED.search(urlsplit(path).path) or urlsplit(path).netloc:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code in {301, 302}:
            target = urljoin(path, response.url)
            led_by.setdefault(target, led_by.get(path, path))
            queue.append(target)
            continue
        if response.status_code >= 500:
            raise AssertionError(f"{path} answers {response.status_code}")
        if not response["Content-Type"].startswith("text/html"):
            continue
        page = read(path, response, led_by.get(path))
        pages[path] = page
        queue += [link.split("#")[0] for link in page.links if link.startswith("/")]
    return pages


def client_for(visitor) -> Client:
    client = Client()
    if visitor != ANONYMOUS:
        client.force_login(User.objects.get(email=VISITORS[visitor]))
    return client


@dataclass
class Demo:
    """The demo data: the pages no link leads to, and each visitor's crawl once made (every
    test starts from the same data, so a crawl holds for all of them)."""

    unlinked_pages: list[str]
    crawls: dict[str, dict[str, PageReader]] = field(default_factory=dict)

    def pages(self, visitor) -> dict[str, PageReader]:
        if visitor not in self.crawls:
            unlinked = self.unlinked_pages if visitor == ANONYMOUS else ["/sidan-finns-inte/"]
            self.crawls[visitor] = crawl(client_for(visitor), START_PATHS + unlinked)
        return self.crawls[visitor]

    def forms(self, visitor) -> dict[str, str]:
        """Every form in which something is typed, by the view it is sent to: the page it is on."""
        forms = {}
        for page in self.pages(visitor).values():
            for form in page.forms:
                if form.text_fields:
                    forms.setdefault(view_name(form.action), page.entry_path)
        return forms


def _unlinked_pages() -> list[str]:
    """Pages no link leads to: the invitee's page (from an email), the new-password page (from
    an email) and a page that does not exist."""
    mail.outbox = []
    with TestCase.captureOnCommitCallbacks(execute=True):
        group_services.invitations_send(
            group=Group.objects.get(area__slug="lagan"),
            raw_addresses="ny.person@example.se",
            invited_by=User.objects.get(email=COORDINATOR_EMAIL),
        )
    invitation_path = next(
        "/" + line.split("://", 1)[1].split("/", 1)[1]
        for line in mail.outbox[0].body.splitlines()
        if "/inbjudan/" in line
    )
    person = User.objects.get(email=VISITORS["representative"])
    uid = urlsafe_base64_encode(force_bytes(person.pk))
    reset_path = f"/konto/losenord/aterstall/{uid}/{default_token_generator.make_token(person)}/"
    return [invitation_path, reset_path, "/sidan-finns-inte/"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo data, made once for the tests of a module and rolled back after them."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with override_settings(
                DEBUG=True, PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
            ):
                call_command("seed_demo", stdout=StringIO())
            yield Demo(unlinked_pages=_unlinked_pages())
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def form_on(client, path, view) -> Form | None:
    """The form sent to `view` on the page at `path`, as `client` gets it now (with its own
    security token and session); None once a form that is sent once (a survey's answers from
    this browser) has been sent."""
    response = client.get(path, follow=True)
    page = read(response.request["PATH_INFO"], response)
    return next((form for form in page.forms if view_name(form.action) == view), None)


def send(client, form, text):
    """`form` sent with `text` typed into every text field, the way its page sends it."""
    method = client.post if form.method == "post" else client.get
    return method(form.action, form.data(text), follow=True)


@pytest.mark.django_db
@pytest.mark.parametrize("visitor", VISITORS)
def test_every_page_is_swedish(demo, visitor):
    pages = demo.pages(visitor)

    english = sorted({(path, text) for path, page in pages.items() for text in english_in(page)})

    assert len(pages) > 20
    assert english == []


@pytest.mark.django_db
@pytest.mark.parametrize("visitor", VISITORS)
def test_every_scrolling_table_is_reached_by_keyboard(demo, visitor):
    pages = demo.pages(visitor)

    unreachable = sorted(
        (path, tag) for path, page in pages.items() for tag in page.unreachable_scroll_regions
    )

    assert unreachable == []


@pytest.mark.django_db
@pytest.mark.parametrize("visitor", VISITORS)
def test_every_error_message_is_swedish(demo, visitor):
    client = client_for(visitor)
    forms = demo.forms(visitor)

    english = set()
    for view, path in forms.items():
        for typed in ["", "x@@ 99:99 2026-13-45 -5"]:
            form = form_on(client, path, view)
            if form is None:
                break
            response = send(client, form, typed)
            assert response.status_code < 500, (view, typed)
            english |= {(view, typed, text) for text in english_in(read(path, response))}

    assert forms
    assert sorted(english) == []
