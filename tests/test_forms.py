"""The shared form helpers of core.forms."""

from django.template import Context, Template
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.forms import VerdictForm, submit_helper


def test_submit_helper_names_each_button_after_its_label_in_every_language():
    with translation.override("sv"):
        helpers = [submit_helper(_("Confirm officials")), submit_helper(_("Send for anchoring"))]

        html = Template("{% load crispy_forms_tags %}{% crispy form first %}{% crispy form second %}").render(
            Context({"form": VerdictForm(), "first": helpers[0], "second": helpers[1]})
        )

    assert [helper.inputs[0].id for helper in helpers] == [
        "submit-confirm-officials",
        "submit-send-for-anchoring",
    ]
    assert 'value="Bekräfta tjänstepersoner"' in html
    assert html.count('id="submit-confirm-officials"') == 1
