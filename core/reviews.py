"""One shape for every review in the app: a person is asked for their verdict on something
(anchoring an agenda, reviewing minutes, signing them off); they approve it, or say what must
change. The model, the step that records a verdict and the page that takes it are written once
here; each app adds who is asked about what, and its own checks (is the version still the one
in review, is the person still a member)."""

from django.contrib import messages
from django.db import models
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.errors import DomainError
from core.fields import TEXT, bounded_text_field, length_constraint


class Verdict(models.TextChoices):
    PENDING = "pending", pgettext_lazy("verdict", "waiting")
    APPROVED = "approved", pgettext_lazy("verdict", "approved")
    COMMENTED = "commented", pgettext_lazy("verdict", "commented")


class VerdictQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(verdict=Verdict.PENDING)

    def not_approved(self):
        return self.exclude(verdict=Verdict.APPROVED)


class VerdictRequest(models.Model):
    """One person asked for their verdict. A subclass names the person (`asked_field`, a
    foreign key to the user) and what they are asked about."""

    Verdict = Verdict
    asked_field = "reviewer"

    verdict = models.CharField(_("verdict"), max_length=16, choices=Verdict.choices, default=Verdict.PENDING)
    comment = bounded_text_field(_("comment"), blank=True, max_length=TEXT)
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    objects = VerdictQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [length_constraint("%(class)s", "comment", TEXT)]

    def __str__(self):
        return f"{self.asked}: {self.get_verdict_display()}"

    @property
    def asked(self):
        return getattr(self, self.asked_field)

    @property
    def asked_id(self) -> int:
        return getattr(self, f"{self.asked_field}_id")

    @property
    def is_approved(self) -> bool:
        return self.verdict == Verdict.APPROVED

    @property
    def is_pending(self) -> bool:
        return self.verdict == Verdict.PENDING


def verdict_record(
    request: VerdictRequest,
    *,
    by,
    approve: bool,
    comment: str = "",
    not_asked_message,
    missing_comment_message,
    error_class: type[DomainError] = DomainError,
    has_other_comments: bool = False,
) -> VerdictRequest:
    """Record a verdict: the shared step of every review's service, inside its transaction
    with the request's row locked, after the service's own checks. Only the person asked may
    answer; not approving needs a comment (here, or elsewhere: has_other_comments). The
    messages, and the app's error_class, say it in the words of the review at hand."""
    if request.asked_id != by.pk:
        raise error_class(not_asked_message, code="not_asked")
    comment = comment.strip()
    if not approve and not comment and not has_other_comments:
        raise error_class(missing_comment_message, code="comment_missing")
    request.verdict = Verdict.APPROVED if approve else Verdict.COMMENTED
    request.comment = comment
    request.decided_at = timezone.now()
    request.save(update_fields=["verdict", "comment", "decided_at"])
    return request


def verdict_page(request, *, form, decide, template: str, context: dict, done_url: str, done_message: str):
    """The one view of every review: show what is reviewed with the verdict form; on a valid
    POST call `decide(form)` (the app's service); a refusal becomes an error on the form, so
    the typed comment stays; success says so and goes on to `done_url`."""
    if request.method == "POST" and form.is_valid():
        try:
            decide(form)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, done_message)
            return redirect(done_url)
    return render(request, template, {**context, "form": form})
