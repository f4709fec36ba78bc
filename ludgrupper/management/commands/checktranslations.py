"""Fail when the Swedish catalogue has an untranslated or fuzzy string (run after makemessages)."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Fails if locale/sv has untranslated or fuzzy strings."

    def add_arguments(self, parser):
        parser.add_argument("--locale", default="sv")

    def handle(self, *args, locale, **options):
        problems = []
        for locale_path in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_path).glob(f"{locale}/LC_MESSAGES/*.po")):
                catalogue = polib.pofile(str(po_path))
                for entry in catalogue.untranslated_entries():
                    problems.append(f"{po_path.name}: untranslated: {entry.msgid!r}")
                for entry in catalogue.fuzzy_entries():
                    problems.append(f"{po_path.name}: fuzzy: {entry.msgid!r}")
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(f"{len(problems)} Swedish strings need a translation.")
        self.stdout.write(self.style.SUCCESS(f"locale/{locale} is complete."))
