import re
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.http import permission_required, require_permission
from core.reviews import verdict_page
from meetings.models import Meeting
from minutes import selectors, services
from minutes.content import release_facts
from minutes.diff import diff_versions
from minutes.errors import MinutesError
from minutes.forms import (
    CorrectionForm,
    MinutesItemFormSet,
    MinutesReviewForm,
    ReleaseForm,
    SendForReviewForm,
    SignOffForm,
)
from minutes.models import Minutes, MinutesReview, MinutesVersion, SignOff


def _meeting(pk) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("group__area"), pk=pk)


def _minutes(pk) -> Minutes:
    return get_object_or_404(Minutes.objects.select_related("meeting__group__area"), meeting_id=pk)


def _editor(meeting):
    return redirect("minutes:edit", pk=meeting.pk)


@require_POST
@permission_required("minutes.manage_minutes")
def minutes_start(request, pk):
    meeting = _meeting(pk)
    try:
        services.minutes_start(meeting=meeting, by=request.user)
    except MinutesError as error:
        messages.error(request, error.message)
        return redirect("meetings:manage", pk=meeting.pk)
    return _editor(meeting)


def _stash_key(pk) -> str:
    return f"minutes-draft-{pk}"


# The editor's own fields: the management form and each item's id, notes and agreed text.
_EDITOR_FIELD = re.compile(
    r"form-(TOTAL_FORMS|INITIAL_FORMS|MIN_NUM_FORMS|MAX_NUM_FORMS|\d+-(id|notes|agreed))"
)
# What a session keeps of a text sent after it expired: enough for the minutes of a long meeting.
STASH_LIMIT = 500_000
_EDITOR_SALT = "minutes-editor"


def _editor_key(user, pk) -> str:
    """Signed into the editor's form: proves a text sent without a session was typed into an
    editor shown to this coordinator, so that nobody else can park data in a session."""
    return signing.dumps({"user": user.pk, "minutes": pk}, salt=_EDITOR_SALT)


def _stash(request, pk) -> bool:
    """Keep what the coordinator typed, when the session expired while they wrote."""
    try:
        key = signing.loads(
            request.POST.get("editor_key", ""), salt=_EDITOR_SALT, max_age=settings.SESSION_COOKIE_AGE * 2
        )
    except signing.BadSignature:
        return False
    fields = {name: value for name, value in request.POST.items() if _EDITOR_FIELD.fullmatch(name)}
    if key.get("minutes") != pk or sum(len(value) for value in fields.values()) > STASH_LIMIT:
        return False
    request.session[_stash_key(pk)] = {"user": key["user"], "fields": fields}
    return True


def _unstash(request, pk):
    """The text kept for this coordinator before they logged in again, or None."""
    stashed = request.session.pop(_stash_key(pk), None)
    if not stashed or stashed.get("user") != request.user.pk:
        return None
    return stashed["fields"]


def _editor_action(view):
    """The editor and its actions (save, send for review), for the coordinator. A session
    that expired while drafting does not lose the text: what was posted is kept in the new
    session and filled in the editor again after logging in."""

    @wraps(view)
    def wrapped(request, pk):
        if not request.user.is_authenticated:
            if request.method == "POST" and _stash(request, pk):
                messages.warning(
                    request,
                    _(
                        "Your session had expired. Log in again: what you wrote has been kept and is filled in."
                    ),
                )
            return redirect_to_login(reverse("minutes:edit", kwargs={"pk": pk}))
        require_permission(request.user, "minutes.manage_minutes")
        return view(request, pk)

    return wrapped


def _formset(minutes, data):
    return MinutesItemFormSet(data, queryset=minutes.items.order_by("position", "id"))


def _texts(formset) -> dict:
    """The texts of a valid formset, by item, as the services take them. Only the forms of
    the items: a form beyond them (a tampered count) is no item to save."""
    return {
        form.instance.pk: (form.cleaned_data["notes"], form.cleaned_data["agreed"])
        for form in formset.initial_forms
    }


def _render_editor(request, minutes, formset, **forms):
    context = _editor_context(minutes, formset, **forms)
    context["editor_key"] = _editor_key(request.user, minutes.meeting_id)
    return render(request, "minutes/edit.html", context)


@_editor_action
def minutes_edit(request, pk):
    """The coordinator's editor: one form with the text of every item and, below it, whom to
    send it to. "Save" posts it here; "Send for review" posts the same form to
    minutes_send_for_review, so the text on the screen is what is sent."""
    minutes = _minutes(pk)
    data = request.POST or _unstash(request, pk)
    if data and request.method == "GET":
        messages.info(request, _("The text you wrote before logging in is filled in below. Save it."))
    formset = _formset(minutes, data)
    if request.method == "POST" and formset.is_valid():
        try:
            services.minutes_save(minutes=minutes, texts=_texts(formset), by=request.user)
        except MinutesError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The minutes were saved."))
            return _editor(minutes.meeting)
    elif request.method == "POST":
        messages.error(
            request, _("The minutes were not saved: correct the marked fields. Your text is kept below.")
        )
    return _render_editor(request, minutes, formset)


def _editor_context(minutes, formset, *, review_form=None, release_form=None, correction_form=None) -> dict:
    meeting = minutes.meeting
    comments_by_item = selectors.comments_by_item(minutes)
    issues_by_item = selectors.issues_by_agenda_item(meeting)
    rows = [
        (
            form,
            comments_by_item.get(form.instance.pk, []),
            issues_by_item.get(form.instance.agenda_item_id, []),
        )
        for form in formset
    ]
    latest = selectors.latest_release(meeting)
    reviews, sign_offs = selectors.requests_of_version(minutes)
    if review_form is None:
        signers = [sign_off.person for sign_off in sign_offs] or selectors.default_signers(meeting)
        review_form = SendForReviewForm(
            meeting=meeting,
            initial={
                "reviewers": [review.reviewer for review in reviews] or selectors.default_reviewers(meeting),
                "signers": selectors.signer_memberships(meeting, signers),
            },
        )
    return {
        "minutes": minutes,
        "meeting": meeting,
        "formset": formset,
        "rows": rows,
        "general_comments": [review for review in reviews if review.comment],
        "reviews": reviews,
        "sign_offs": sign_offs,
        "attendances": meeting.attendances.select_related("organisation"),
        "review_form": review_form,
        "release_form": release_form or ReleaseForm(),
        "correction_form": correction_form or CorrectionForm(),
        "versions": selectors.versions_of(minutes),
        "latest_release": latest,
        "latest_facts": release_facts(latest) if latest else None,
    }


@require_POST
@_editor_action
def minutes_send_for_review(request, pk):
    """The editor's second button: the text on the screen and whom to send it to, checked
    together, then saved and sent at once, or neither (the page comes back with the text)."""
    minutes = _minutes(pk)
    formset = _formset(minutes, request.POST)
    if not formset.management_form.is_valid():
        formset = _formset(minutes, None)  # no text was posted at all: show the saved text
    review_form = SendForReviewForm(request.POST, meeting=minutes.meeting)
    if all([formset.is_valid(), review_form.is_valid()]):
        try:
            version = services.minutes_send_for_review(
                minutes=minutes, texts=_texts(formset), by=request.user, **review_form.cleaned_data
            )
        except MinutesError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("Version %(number)s was sent for review.") % {"number": version.number}
            )
            return _editor(minutes.meeting)
    else:
        messages.error(request, _("Nothing was sent: correct the marked fields. Your text is kept below."))
    return _render_editor(request, minutes, formset, review_form=review_form)


@require_POST
@permission_required("minutes.manage_minutes")
def minutes_release(request, pk):
    """The state is the service's to refuse (with a message): see minutes.rules."""
    minutes = _minutes(pk)
    form = ReleaseForm(request.POST)
    if form.is_valid():
        try:
            services.minutes_release(
                minutes=minutes, by=request.user, override_reason=form.cleaned_data["override_reason"]
            )
        except MinutesError as error:
            messages.error(request, error.message)
            return _editor(minutes.meeting)
        messages.success(request, _("The minutes are released and have been sent to the group."))
        return redirect("minutes:public", pk=minutes.meeting_id)
    # A reason that cannot be used: shown again with what is wrong, nothing released.
    return _render_editor(request, minutes, _formset(minutes, None), release_form=form)


@require_POST
@permission_required("minutes.manage_minutes")
def minutes_correction(request, pk):
    minutes = _minutes(pk)
    form = CorrectionForm(request.POST)
    if not form.is_valid():
        return _render_editor(request, minutes, _formset(minutes, None), correction_form=form)
    try:
        services.minutes_start_correction(
            minutes=minutes, reason=form.cleaned_data["reason"], by=request.user
        )
    except MinutesError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Write the correction below; it is released as a new version."))
    return _editor(minutes.meeting)


@login_required
def minutes_review(request, pk):
    review = get_object_or_404(MinutesReview.objects.select_related("minutes__meeting__group__area"), pk=pk)
    require_permission(request.user, "minutes.view_review", review)
    minutes = review.minutes
    version = get_object_or_404(MinutesVersion, minutes=minutes, number=review.version_number)
    items = list(minutes.items.order_by("position", "id"))
    return verdict_page(
        request,
        form=MinutesReviewForm(request.POST or None, items=items),
        decide=lambda form: services.minutes_review_decide(
            review=review,
            reviewer=request.user,
            approve=form.approves,
            comment=form.cleaned_data["comment"],
            item_comments=form.item_comments(),
        ),
        template="minutes/review.html",
        context={
            "review": review,
            "minutes": minutes,
            "content": version.content,
            "release": None,
            "current": None if review.is_current else selectors.current_review_of(minutes, request.user),
        },
        done_url=reverse("pages:my_meetings"),
        done_message=_("Thank you, your verdict was sent to the coordinator."),
    )


@login_required
def sign_off(request, pk):
    record = get_object_or_404(SignOff.objects.select_related("minutes__meeting__group__area"), pk=pk)
    require_permission(request.user, "minutes.view_sign_off", record)
    minutes = record.minutes
    version = get_object_or_404(MinutesVersion, minutes=minutes, number=record.version_number)
    return verdict_page(
        request,
        form=SignOffForm(request.POST or None),
        decide=lambda form: services.sign_off_decide(
            sign_off=record, person=request.user, confirm=form.approves, comment=form.cleaned_data["comment"]
        ),
        template="minutes/sign_off.html",
        context={
            "sign_off": record,
            "minutes": minutes,
            "content": version.content,
            "release": None,
            "current": None if record.is_current else selectors.current_sign_off_of(minutes, request.user),
        },
        done_url=reverse("pages:my_groups"),
        done_message=_("Thank you, the coordinator has your answer."),
    )


def minutes_public(request, pk):
    """The released minutes as HTML: a public record, with names and organisations only."""
    meeting = _meeting(pk)
    release = selectors.latest_release(meeting)
    if release is None:
        raise Http404
    previous, following = selectors.neighbouring_releases(meeting)
    context = {
        "meeting": meeting,
        "release": release_facts(release),
        "content": release.version.content,
        "releases": list(selectors.releases_of(release.minutes)),
        "previous": previous,
        "following": following,
    }
    return render(request, "minutes/public.html", context)


# A versioned PDF never changes (the archive refuses it): caches keep it for a year. The
# address of the latest version changes with a correction, so caches ask again each time.
VERSIONED_PDF_CACHING = "public, max-age=31536000, immutable"
LATEST_PDF_CACHING = "public, no-cache"


def _pdf_response(request, meeting_id: int, stored, caching: str) -> HttpResponse:
    """The stored PDF as a static file would be served: tagged with its SHA-256, and a repeat
    request answered with 304 from the hash alone (the PDF's bytes are read only when sent)."""
    if stored is None:
        raise Http404
    etag = f'"{stored.sha256}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        if not stored.content:
            stored = selectors.released_pdf(meeting_id, stored.number)
        response = HttpResponse(stored.content, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{stored.filename}"'
        response["X-Content-SHA256"] = stored.sha256
    response["ETag"] = etag
    response["Cache-Control"] = caching
    return response


def minutes_pdf(request, pk):
    return _pdf_response(request, pk, selectors.latest_released_pdf_facts(pk), LATEST_PDF_CACHING)


def minutes_pdf_version(request, pk, number):
    # A browser or cache that asks whether its copy is current needs the hash only.
    revalidating = "If-None-Match" in request.headers
    stored = selectors.released_pdf(pk, number, with_content=not revalidating)
    return _pdf_response(request, pk, stored, VERSIONED_PDF_CACHING)


@permission_required("minutes.compare_versions")
def minutes_diff(request, pk):
    minutes = _minutes(pk)
    versions = {version.number: version for version in minutes.versions.all()}
    if len(versions) < 2:
        messages.info(request, _("There is only one version so far."))
        if request.user.has_perm("minutes.manage_minutes", minutes):
            return _editor(minutes.meeting)
        return redirect(minutes.meeting)
    numbers = sorted(versions)
    try:
        old = versions[int(request.GET.get("fran", numbers[-2]))]
        new = versions[int(request.GET.get("till", numbers[-1]))]
    except (KeyError, ValueError):
        raise Http404 from None
    labels = {"title": _("Title"), "notes": _("Notes"), "agreed": _("Agreed")}
    context = {
        "minutes": minutes,
        "meeting": minutes.meeting,
        "old": old,
        "new": new,
        "numbers": numbers,
        "changes": diff_versions(old.content, new.content, labels=labels),
    }
    return render(request, "minutes/diff.html", context)


@permission_required("minutes.view_history")
def meeting_history(request, pk):
    """Who changed what and when: the agenda, the minutes and the issues of a meeting."""
    meeting = _meeting(pk)
    return render(
        request, "minutes/history.html", {"meeting": meeting, "records": selectors.meeting_history(meeting)}
    )
