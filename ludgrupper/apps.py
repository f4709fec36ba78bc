from django.apps import AppConfig


class LudgrupperConfig(AppConfig):
    """The project package as an app: site-wide views, templates tags and commands."""

    name = "ludgrupper"
    verbose_name = "ludgrupper"
