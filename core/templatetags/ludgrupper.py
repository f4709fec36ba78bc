from datetime import date, datetime

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms, template
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """Markdown to sanitised HTML (see core.markdown)."""
    return mark_safe(render_markdown(text))  # noqa: S308 (sanitised by nh3 just above)


@register.filter
def datetime_attribute(value) -> str:
    """A date or a moment as the datetime attribute of <time> wants it: whole seconds (HTML
    allows at most three digits of a fraction, and `date:'c'` writes six), in local time with
    its offset, e.g. 2026-03-29T18:30:00+02:00; a date alone as 2026-03-29."""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return ""


@register.filter
def form_field(field):
    """A form field as crispy's Bootstrap 5 field template renders it (the wrapper, the label,
    the widget with Bootstrap's classes, the errors, the help text), built here for text
    inputs, text areas, selects and checkboxes: crispy's template took a quarter of the
    minutes editor's rendering (two text fields for every agenda item) and a fifth of the issue
    register's (its filter form). Any other widget is left to crispy. tests/test_templatetags.py
    compares the two."""
    widget = field.field.widget
    is_checkbox = isinstance(widget, forms.CheckboxInput)
    # Hidden inputs, files, and widgets drawn as a fieldset (radio buttons, checkbox lists,
    # multi-part widgets such as a date in three selects) are crispy's.
    if widget.is_hidden or widget.use_fieldset or isinstance(widget, forms.FileInput):
        return as_crispy_field(field)
    if is_checkbox:
        control = "form-check-input"
    elif isinstance(widget, forms.Select):
        control = "form-select"
    else:
        control = "form-control"
    classes = widget.attrs.get("class", "").split()
    for name in [widget.__class__.__name__.lower(), control, *(["is-invalid"] if field.errors else [])]:
        if name not in classes:
            classes.append(name)
    required = field.field.required
    label = format_html(
        '<label{} class="{}{}">{}{}</label>',
        format_html(' for="{}"', field.id_for_label) if field.id_for_label else "",
        "form-check-label" if is_checkbox else "form-label",
        " requiredField" if required else "",
        field.label,
        mark_safe('<span class="asteriskField">*</span>') if required else "",
    )
    errors = (
        format_html(
            '<div id="{}_error" class="invalid-feedback">{}</div>',
            field.errors.field_id,
            format_html_join(
                "",
                '<p id="error_{}_{}"><strong>{}</strong></p>',
                ((number, field.auto_id, error) for number, error in enumerate(field.errors, start=1)),
            ),
        )
        if field.errors
        else ""
    )
    # The form's own help text, which may hold markup, shown as crispy shows it.
    help_text = mark_safe(field.help_text)  # noqa: S308
    help_block = (
        format_html('<div id="{}_helptext" class="form-text">{}</div>', field.auto_id, help_text)
        if field.help_text
        else ""
    )
    css_classes = f" {field.css_classes()}" if field.css_classes() else ""
    control_html = field.as_widget(attrs={"class": " ".join(classes)})
    if is_checkbox:
        # The box before its label, both inside a form-check, inside the usual margin.
        return format_html(
            '<div class="mb-3"><div id="div_{}" class="form-check{}">{}{}{}{}</div></div>',
            field.auto_id,
            css_classes,
            control_html,
            label,
            errors,
            help_block,
        )
    return format_html(
        '<div id="div_{}" class="mb-3{}">{}{}{}{}</div>',
        field.auto_id,
        css_classes,
        label if field.label else "",
        control_html,
        errors,
        help_block,
    )
