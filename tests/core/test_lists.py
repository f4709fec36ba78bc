import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.lists import Concatenated
from groups.models import Area


@pytest.fixture
def areas(db):
    """The six areas of the data migration, in two parts: names before and after "L"."""
    ordered = Area.objects.order_by("name")
    return ordered.filter(name__lt="L"), ordered.filter(name__gte="L")


def test_pages_run_through_the_first_part_and_on_into_the_second(areas):
    first, second = areas
    expected = [*first, *second]
    listing = Paginator(Concatenated(first, second), 4)

    pages = [list(listing.page(number)) for number in listing.page_range]

    assert listing.count == 6
    assert [area for page in pages for area in page] == expected
    assert [len(page) for page in pages] == [4, 2]


def test_an_empty_first_part_lists_the_second(areas):
    first, second = areas

    assert list(Paginator(Concatenated(first.none(), second), 10).page(1)) == list(second)


def test_only_slices_are_read(areas):
    with pytest.raises(TypeError, match="Concatenated lists are read in slices."):
        Concatenated(*areas)[0]


def test_with_a_total_the_second_part_is_counted_as_what_the_first_leaves(areas):
    first, second = areas
    listing = Paginator(Concatenated(first, second, total=Area.objects.all()), 4)

    with CaptureQueriesContext(connection) as queries:
        count = listing.count
        pages = [list(listing.page(number)) for number in listing.page_range]

    # The first part and the total, each counted once; the second part's condition is never
    # counted (in the issue register, the rest is most of the rows).
    counts = [query["sql"] for query in queries.captured_queries if "COUNT(" in query["sql"]]
    assert count == 6
    assert len(counts) == 2
    assert not any(">=" in sql for sql in counts)
    assert [area for page in pages for area in page] == [*first, *second]
