from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.fields import TEXT, bounded_text_field, length_constraint


class Department(models.Model):
    """A field of the municipality's work (verksamhet), represented in the officials' group."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = bounded_text_field(_("description"), blank=True, max_length=TEXT)
    publishes_directly = models.BooleanField(
        _("publishes issue updates directly"),
        default=False,
        help_text=_(
            "The department's officials publish updates on issues without the coordinator's approval."
        ),
    )

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["name"]
        constraints = [length_constraint("department", "description", TEXT)]

    def __str__(self):
        return self.name


class Committee(models.Model):
    """A political committee (nämnd) or sub-committee that issues may be referred to."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = bounded_text_field(_("description"), blank=True, max_length=TEXT)
    email = models.EmailField(
        _("email address"),
        blank=True,
        help_text=_("The committee's registry (registratur): where reports sent to it go."),
    )

    class Meta:
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        ordering = ["name"]
        constraints = [length_constraint("committee", "description", TEXT)]

    def __str__(self):
        return self.name


class Official(models.Model):
    """A municipal official (tjänsteperson) and the departments they speak for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="official", verbose_name=_("person")
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    departments = models.ManyToManyField(Department, related_name="officials", verbose_name=_("departments"))
    in_officials_group = models.BooleanField(
        _("member of the officials' group"),
        default=True,
        help_text=_("Members of the officials' group anchor agendas, issues and minutes."),
    )

    class Meta:
        verbose_name = _("official")
        verbose_name_plural = _("officials")
        ordering = ["user__full_name"]

    def __str__(self):
        return f"{self.user.full_name}, {self.title}" if self.title else self.user.full_name
