import pytest

from reports import measures
from reports.measures import build_report, percentile_nearest_rank
from tests.reports.conftest import EXPECTED, TODAY, YEAR


def figures_of(report, slug):
    if slug == "total":
        return report.total
    return next(entry.figures for entry in report.groups if entry.group.area.slug == slug)


def value_of(report, slug, key):
    measure = next(measure for measure in report.measures if measure.key == key)
    return figures_of(report, slug).value(measure)


@pytest.mark.parametrize(
    ("slug", "key", "expected"),
    [(slug, key, expected) for slug, figures in EXPECTED.items() for key, expected in figures.items()],
)
def test_build_report_matches_the_hand_computed_figures(year_of_data, slug, key, expected):
    report = build_report(YEAR, today=TODAY)

    assert value_of(report, slug, key) == expected


def test_build_report_counts_issues_by_department_and_committee(year_of_data):
    report = build_report(YEAR, today=TODAY)
    parks = measures.issues_department_key(year_of_data["parks"].pk)
    streets = measures.issues_department_key(year_of_data["streets"].pk)
    sbu = measures.issues_committee_key(year_of_data["sbu"].pk)

    assert [value_of(report, slug, parks) for slug in ("lagan", "ryssby", "total")] == [3, 0, 3]
    assert [value_of(report, slug, streets) for slug in ("lagan", "ryssby", "total")] == [0, 3, 3]
    assert [value_of(report, slug, sbu) for slug in ("lagan", "ryssby", "total")] == [1, 1, 2]
    labels = [str(measure.label) for measure in report.measures]
    assert "Sakfrågor, förvaltning: Park- och skötselfrågor" in labels
    assert "Sakfrågor, nämnd: Samhällsbyggnadsutskottet" in labels


def test_build_report_of_the_year_before_counts_only_that_year(year_of_data):
    report = build_report(YEAR - 1, today=TODAY)

    assert value_of(report, "lagan", "meetings_held:elected_representatives") == 1
    assert value_of(report, "total", "meetings_held") == 1
    assert value_of(report, "total", "proposals_received") == 1
    assert value_of(report, "total", "issues_raised") == 1
    assert value_of(report, "total", "issues_overdue") == 1


def test_build_report_of_a_year_without_data_has_no_median(db):
    report = build_report(2010, today=TODAY)

    assert report.has_data is False
    assert value_of(report, "total", "answer_days_median") is None
    assert value_of(report, "total", "answer_days_p90") is None
    assert value_of(report, "total", "meetings_held") == 0


@pytest.mark.parametrize(
    ("values", "percent", "expected"),
    [
        (list(range(1, 21)), 90, 18),
        (list(range(1, 11)), 90, 9),
        ([5], 90, 5),
        ([], 90, None),
        ([4, 1, 3, 2], 50, 2),
    ],
)
def test_percentile_nearest_rank(values, percent, expected):
    assert percentile_nearest_rank(values, percent) == expected
