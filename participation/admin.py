from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin import ReadOnlyAdmin, ReadOnlyAdminMixin
from participation import services
from participation.forms import SurveyForm
from participation.models import (
    Answer,
    ClassCode,
    Option,
    Question,
    Response,
    Suggestion,
    Support,
    Survey,
)

# What residents sent (suggestions, survey answers) is shown, never changed: an edit would put
# words in a resident's mouth. A suggestion moves only through its transitions, in the
# moderation queue (participation.services), which tell the resident and record who decided.


@admin.register(Suggestion)
class SuggestionAdmin(ReadOnlyAdmin):
    list_display = ("title", "area", "channel", "status", "created_at", "decided_at")
    list_filter = ("status", "channel", "area")
    search_fields = ("title", "text", "name")
    list_select_related = ("area",)
    date_hierarchy = "created_at"
    # The reply address is kept only for the one outcome mail (and cleared with it): the queue
    # shows whether there is one, and so does the admin.
    fields = (
        "area",
        "title",
        "text",
        "name",
        "show_name",
        "wants_a_reply",
        "channel",
        "registered_by",
        "created_at",
        "status",
        "hidden_reason",
        "proposal",
        "issue",
        "decided_by",
        "decided_at",
        "outcome_mailed_at",
        "moderation_queue",
    )
    readonly_fields = fields

    @admin.display(description=_("wants a reply by email"), boolean=True)
    def wants_a_reply(self, suggestion):
        return bool(suggestion.reply_email)

    @admin.display(description=_("moderation"))
    def moderation_queue(self, suggestion):
        url = reverse("participation:moderation_queue", args=[suggestion.area.slug])
        return format_html('<a href="{}?visa=alla">{}</a>', url, _("The area's suggestions"))


@admin.register(Support)
class SupportAdmin(ReadOnlyAdmin):
    """Given by a representative on their group's page, once each."""

    list_display = ("suggestion", "person", "created_at")
    list_filter = ("suggestion__area",)
    search_fields = ("suggestion__title", "person__full_name", "person__email")
    list_select_related = ("suggestion", "person")


class QuestionInline(ReadOnlyAdminMixin, admin.TabularInline):
    """The questions change on the survey's page (participation.services), which refuses once
    the survey has answers."""

    model = Question
    fields = ("position", "text", "kind", "required")
    readonly_fields = fields
    extra = 0


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    """Saved through the same service as the survey's page (survey_save), with the same form;
    the questions and class codes are made there. Not deleted here: the residents' answers
    would go with it."""

    form = SurveyForm
    list_display = ("title", "all_areas", "opens_on", "closes_on", "publish_results", "created_by")
    list_filter = ("all_areas", "areas", "publish_results")
    search_fields = ("title", "description")
    list_select_related = ("created_by",)
    date_hierarchy = "opens_on"
    readonly_fields = ("created_by", "created_at", "survey_page")
    inlines = [QuestionInline]

    @admin.display(description=_("survey page"))
    def survey_page(self, survey):
        if survey.pk is None:
            return "–"
        url = reverse("participation:survey_manage", args=[survey.pk])
        return format_html('<a href="{}">{}</a>', url, _("Questions, class codes and results"))

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        services.survey_save(survey=obj, areas=form.cleaned_data["areas"], by=request.user)

    def save_related(self, request, form, formsets, change):
        # survey_save has set the areas (none when the survey is for all areas).
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)


class OptionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Option
    fields = ("position", "label")
    readonly_fields = fields
    extra = 0


@admin.register(Question)
class QuestionAdmin(ReadOnlyAdmin):
    list_display = ("text", "survey", "position", "kind", "required")
    list_filter = ("kind", "survey")
    search_fields = ("text", "survey__title")
    list_select_related = ("survey",)
    inlines = [OptionInline]


@admin.register(Option)
class OptionAdmin(ReadOnlyAdmin):
    list_display = ("label", "question", "position")
    list_filter = ("question__survey",)
    search_fields = ("label", "question__text")
    list_select_related = ("question",)


@admin.register(ClassCode)
class ClassCodeAdmin(ReadOnlyAdmin):
    """Made on the survey's page; a code is used once, by the class that answers with it."""

    list_display = ("code", "survey", "label", "created_at", "used")
    list_filter = ("survey",)
    search_fields = ("code", "label", "survey__title")
    list_select_related = ("survey", "response")

    @admin.display(description=_("used"), boolean=True)
    def used(self, class_code):
        return hasattr(class_code, "response")


class AnswerInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Answer
    fields = ("question", "option", "scale", "text", "count")
    readonly_fields = fields
    extra = 0


@admin.register(Response)
class ResponseAdmin(ReadOnlyAdmin):
    # The browser's hash is left out: it tells nothing, and only serves "one answer a browser".
    list_display = ("__str__", "survey", "source", "class_level", "pupils", "created_at")
    list_filter = ("source", "class_level", "survey")
    search_fields = ("survey__title", "class_code__code")
    list_select_related = ("survey",)
    date_hierarchy = "created_at"
    fields = ("survey", "source", "class_code", "class_level", "pupils", "created_at")
    readonly_fields = fields
    inlines = [AnswerInline]


@admin.register(Answer)
class AnswerAdmin(ReadOnlyAdmin):
    list_display = ("question", "response", "option", "scale", "count", "source")
    list_filter = ("source", "question__survey")
    search_fields = ("text", "question__text")
    list_select_related = ("question", "response__survey", "option")
