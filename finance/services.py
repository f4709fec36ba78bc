from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from core import activity, once
from core.mail import queue_mail
from finance.errors import FinanceError
from finance.models import (
    BudgetReferral,
    BudgetReferralAction,
    FundApplication,
    FundApplicationAction,
    FundAttachment,
    VillageFund,
)
from groups.models import Membership
from issues.models import Issue


@transaction.atomic
def budget_referral_set(*, issue, estimated_amount, budget_year, committee, by) -> BudgetReferral:
    """Record (or correct) what an issue referred to the budget process is estimated to cost,
    the budget year and the committee responsible."""
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    if not issue.is_referred_to_budget:
        raise FinanceError(_("Only an issue referred to the budget process has a budget referral."))
    referral = BudgetReferral.objects.filter(issue=issue).first() or BudgetReferral(
        issue=issue, created_by=by
    )
    referral.estimated_amount = estimated_amount
    referral.budget_year = budget_year
    referral.committee = committee
    referral.full_clean()
    referral.save()
    activity.record(
        referral, BudgetReferralAction.SET, by, f"{estimated_amount} kr, {budget_year}, {committee}"
    )
    return referral


@transaction.atomic
def budget_referral_decide(*, referral, outcome, amount=None, note="", by) -> BudgetReferral:
    """What the budget made of the referral. Partly included needs the amount included;
    included takes the estimate unless another amount is given; not included has none."""
    referral = BudgetReferral.objects.select_for_update().get(pk=referral.pk)
    BudgetReferral.TRANSITIONS.require(
        referral.outcome, outcome, FinanceError(_("Choose an outcome other than the present one."))
    )
    if outcome == BudgetReferral.Outcome.PARTLY and amount is None:
        raise FinanceError(_("Give the amount that was included."), code="no_amount")
    if outcome == BudgetReferral.Outcome.PARTLY and amount >= referral.estimated_amount:
        raise FinanceError(
            _("Partly included is less than the estimate (%(estimate)s kr).")
            % {"estimate": referral.estimated_amount},
            code="not_partly",
        )
    if outcome == BudgetReferral.Outcome.INCLUDED and amount is None:
        amount = referral.estimated_amount
    if outcome == BudgetReferral.Outcome.NOT_INCLUDED:
        amount = None
    referral.outcome = outcome
    referral.outcome_amount = Decimal(amount) if amount is not None else None
    referral.outcome_note = note.strip()
    referral.decided_at = timezone.now()
    referral.full_clean()
    referral.save()
    activity.record(referral, BudgetReferralAction.DECIDED, by, referral.get_outcome_display())
    return referral


# Village funds ------------------------------------------------------------------------------


def fund_remaining(fund, year, *, excluding=None) -> Decimal:
    """What is left of the fund's yearly amount after what was granted for `year`."""
    granted = FundApplication.objects.granted().filter(fund=fund, year=year)
    if excluding is not None:
        granted = granted.exclude(pk=excluding.pk)
    used = granted.aggregate(total=Sum("granted_amount"))["total"] or Decimal(0)
    return fund.yearly_amount - used


def _store(application, kind, files):
    FundAttachment.objects.bulk_create(
        FundAttachment(
            application=application, kind=kind, filename=name[:200], content=content, size=len(content)
        )
        for name, content in files
    )


def _represents(person, organisation, fund) -> bool:
    """A current member of a group of one of the fund's areas, for the organisation."""
    return (
        Membership.objects.current()
        .filter(person=person, organisation=organisation, group__area__in=fund.areas.all())
        .exists()
    )


@transaction.atomic
def fund_application_submit(
    *, fund, organisation, applicant, title, purpose, amount, budget, files=(), today=None, form_token=None
) -> FundApplication:
    """An association of the fund's area applies. An application for more than what is left of
    the fund this year is refused (with the amount left), not just warned about: the decision
    body cannot grant it anyway, and the association can apply for less. The same form sent
    again (`form_token`: a double click, a reload) stores it once, with its attachments, and
    answers with the one stored."""
    today = today or timezone.localdate()
    fund = VillageFund.objects.select_for_update().get(pk=fund.pk)
    # Asked with the fund locked: a request that sent the same form first has committed.
    sent = once.sent_before(FundApplication.objects.filter(applicant=applicant), form_token)
    if sent is not None:
        return sent
    if not fund.active:
        raise FinanceError(_("The fund takes no applications now."), code="closed")
    if not _represents(applicant, organisation, fund):
        raise FinanceError(
            _("Only a representative of an association in the fund's areas can apply on its behalf."),
            code="not_of_the_area",
        )
    remaining = fund_remaining(fund, today.year)
    if amount > remaining:
        raise FinanceError(
            _("The application is for more than what is left of the fund this year (%(remaining)s kr).")
            % {"remaining": number_format(remaining, decimal_pos=2, force_grouping=True)},
            code="over_remaining",
        )
    application = FundApplication(
        fund=fund,
        organisation=organisation,
        applicant=applicant,
        year=today.year,
        title=title,
        purpose=purpose,
        amount=amount,
        budget=budget,
        form_token=form_token,
    )
    application.full_clean(exclude=["form_token"])
    application, created = once.create_once(application, FundApplication.objects.filter(applicant=applicant))
    if not created:
        return application
    _store(application, FundAttachment.Kind.APPLICATION, files)
    activity.record(application, FundApplicationAction.SUBMITTED, applicant, f"{amount} kr")
    return application


@transaction.atomic
def fund_application_decide(
    *, application, status, decision_date, case_number, by, granted_amount=None, report_due=None
) -> FundApplication:
    """The decision body's decision, recorded by the coordinator."""
    application = FundApplication.objects.select_for_update().get(pk=application.pk)
    FundApplication.TRANSITIONS.require(
        application.status, status, FinanceError(_("The application has already been decided."))
    )
    if not case_number.strip():
        raise FinanceError(_("Give the case number (diarienummer)."), code="no_case_number")
    Status = FundApplication.Status
    if status == Status.GRANTED:
        granted_amount = application.amount
    elif status == Status.REFUSED:
        granted_amount = None
    elif granted_amount is None or not 0 < granted_amount < application.amount:
        raise FinanceError(
            _("Partly granted is more than nothing and less than the amount applied for (%(amount)s kr).")
            % {"amount": number_format(application.amount, decimal_pos=2, force_grouping=True)},
            code="not_partly",
        )
    if granted_amount is not None:
        remaining = fund_remaining(application.fund, application.year, excluding=application)
        if granted_amount > remaining:
            raise FinanceError(
                _("Only %(remaining)s kr is left of the fund for %(year)s.")
                % {
                    "remaining": number_format(remaining, decimal_pos=2, force_grouping=True),
                    "year": application.year,
                },
                code="over_remaining",
            )
        if report_due is None:
            raise FinanceError(_("Give the date the association reports by."), code="no_due_date")
    application.status = status
    application.granted_amount = granted_amount
    application.decision_date = decision_date
    application.case_number = case_number.strip()
    application.report_due = report_due if granted_amount is not None else None
    application.decided_by = by
    application.full_clean()
    application.save()
    activity.record(application, FundApplicationAction.DECIDED, by, application.get_status_display())
    return application


@transaction.atomic
def fund_application_report(*, application, text, files=(), by) -> FundApplication:
    """The association reports how the money was used."""
    application = FundApplication.objects.select_for_update().get(pk=application.pk)
    FundApplication.TRANSITIONS.require(
        application.status,
        FundApplication.Status.REPORTED,
        FinanceError(_("Only a granted application is reported, once.")),
    )
    if not text.strip():
        raise FinanceError(_("Write how the money was used."), code="no_text")
    application.status = FundApplication.Status.REPORTED
    application.report_text = text.strip()
    application.reported_at = timezone.now()
    application.full_clean()
    application.save()
    _store(application, FundAttachment.Kind.REPORT, files)
    activity.record(application, FundApplicationAction.REPORTED, by)
    return application


REMIND_DAYS_BEFORE = 14


def fund_report_reminders(*, today=None) -> int:
    """Remind the applicants of granted applications whose report is due within two weeks (or
    overdue), once each. Run by `manage.py send_fund_reminders` (daily)."""
    today = today or timezone.localdate()
    due = FundApplication.objects.awaiting_report().filter(
        reminded_at__isnull=True, report_due__lte=today + timedelta(days=REMIND_DAYS_BEFORE)
    )
    count = 0
    for application in due.select_related("applicant", "fund", "organisation"):
        with transaction.atomic():
            claimed = FundApplication.objects.filter(pk=application.pk, reminded_at__isnull=True).update(
                reminded_at=timezone.now()
            )
            if not claimed or application.applicant is None:
                continue
            queue_mail(
                to=[application.applicant.email],
                template="fund_report_reminder",
                about=f"finance.fund_application:{application.pk}",
                context={
                    "application": application,
                    "url": settings.SITE_URL + application.get_absolute_url(),
                },
            )
            count += 1
    return count
