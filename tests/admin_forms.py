"""Post an admin change form the way a browser would: every field as the page shows it,
with some changed. The admin's forms carry inline management forms and split date/time
inputs, which a hand-written dict easily gets wrong."""

from html.parser import HTMLParser


class _FormFields(HTMLParser):
    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            # A browser sends "on" for a ticked box without a value, "" for an empty field.
            self.data.setdefault(name, []).append(
                attrs.get("value", "on" if kind in {"checkbox", "radio"} else "")
            )
        elif tag == "textarea" and name:
            self._textarea = name
            self.data.setdefault(name, []).append("")
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select].append(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data.lstrip("\n") if not self.data[self._textarea][-1] else data


def form_data(html: str, **changes) -> dict:
    """The fields of the page's form (the admin has one), with `changes` applied; a change to
    None removes the field (an unticked box)."""
    parser = _FormFields()
    parser.feed(html)
    data = {name: values if len(values) != 1 else values[0] for name, values in parser.data.items()}
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def post_change(client, url: str, **changes):
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    return client.post(url, form_data(page.content.decode(), **changes))
