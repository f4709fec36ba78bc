"""Two reference pages, to compare every page with the stack's own limit on this machine:
a bare response (Django and gunicorn alone), and a plain page rendering about 10 KB from 25
rows with 2 queries, as a small, well-written Django page would."""

from django.http import HttpResponse
from django.shortcuts import render

from groups.models import Organisation


def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


def plain(request):
    rows = list(Organisation.objects.order_by("name").values("name", "kind", "email")[:25])
    total = Organisation.objects.count()
    return render(
        request, "bench/reference.html", {"rows": rows * (25 // max(len(rows), 1) or 1), "total": total}
    )
