from django import forms


class DateInput(forms.DateInput):
    """The browser's own date picker, with the ISO date it needs."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")
