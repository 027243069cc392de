"""The calendar's arithmetic without a window: scales, French headers, rows, page breaks."""

from datetime import date

import pytest

from charte_desktop.db.enums import DisplayStatus
from charte_desktop.services.timeline import TimelineAction, TimelineGroup
from charte_desktop.ui.timeline.rows import ACTION_HEIGHT, HEADING_HEIGHT, RowLayout, kept_groups
from charte_desktop.ui.timeline.scale import TimeScale, Zoom


@pytest.mark.parametrize(
    ("zoom", "start", "end"),
    [
        (Zoom.MONTH, date(2025, 3, 1), date(2026, 9, 1)),  # whole months, one more at the end
        (Zoom.QUARTER, date(2025, 1, 1), date(2027, 1, 1)),  # whole quarters, one more
        (Zoom.YEAR, date(2025, 1, 1), date(2027, 4, 1)),  # whole years, a quarter more
    ],
)
def test_a_scale_covers_whole_steps(zoom: Zoom, start: date, end: date) -> None:
    scale = TimeScale.covering(zoom, date(2025, 3, 14), date(2026, 7, 20))
    assert (scale.start, scale.end) == (start, end)
    assert scale.x(scale.start) == 0
    assert scale.width == round((end - start).days * zoom.value)
    day = date(2025, 11, 6)
    assert scale.day_at(scale.x(day)) == day
    assert scale.day_at(scale.x(day) + zoom.value - 0.01) == day


def test_headers_speak_french_at_each_zoom() -> None:
    first, last = date(2026, 1, 1), date(2026, 12, 31)
    month = TimeScale.covering(Zoom.MONTH, first, last)
    assert [b.label for b in month.bottom_bands()][:3] == ["janvier", "février", "mars"]
    assert [b.label for b in month.bottom_bands()][7:9] == ["août", "septembre"]
    assert [b.label for b in month.top_bands()] == ["2026", "2027"]
    quarter = TimeScale.covering(Zoom.QUARTER, first, last)
    assert [b.label for b in quarter.top_bands()] == ["T1 2026", "T2 2026", "T3 2026",
                                                      "T4 2026", "T1 2027"]
    assert [b.label for b in quarter.bottom_bands()][:3] == ["janv.", "févr.", "mars"]
    year = TimeScale.covering(Zoom.YEAR, first, last)
    assert "".join(b.label for b in year.bottom_bands()[:12]) == "JFMAMJJASOND"
    assert [b.label for b in year.top_bands()] == ["2026", "2027"]


def test_a_scale_starting_mid_year_still_names_its_first_year() -> None:
    scale = TimeScale.covering(Zoom.MONTH, date(2025, 9, 27), date(2026, 2, 1))
    bands = scale.top_bands()
    assert [(b.label, b.start) for b in bands] == [("2025", date(2025, 9, 1)),
                                                   ("2026", date(2026, 1, 1))]


def test_grid_weighs_years_quarters_and_months() -> None:
    grid = dict(TimeScale.covering(Zoom.QUARTER, date(2026, 1, 1), date(2026, 6, 1)).grid())
    assert grid[date(2026, 1, 1)] == 2
    assert grid[date(2026, 4, 1)] == 1
    assert grid[date(2026, 5, 1)] == 0


def action(id_: int) -> TimelineAction:
    return TimelineAction(id_, 1, str(id_), f"Action {id_}", DisplayStatus.IN_PROGRESS, False,
                          None, None, None, 0, ())


def group(code: str, depth: int, *ids: int) -> TimelineGroup:
    return TimelineGroup(len(code), code, f"Axe {code}", depth, tuple(action(i) for i in ids))


def test_search_keeps_the_headings_of_what_it_finds() -> None:
    groups = (group("1", 0), group("1.A", 1, 1, 2), group("1.B", 1, 3), group("2", 0, 4),
              group("3", 0), group("3.A", 1, 5))
    assert kept_groups(groups, None) == list(groups)
    kept = kept_groups(groups, {2, 5})
    assert [(g.code, [a.id for a in g.actions]) for g in kept] == [
        ("1", []), ("1.A", [2]), ("3", []), ("3.A", [5])]
    assert kept_groups(groups, set()) == []


def test_rows_are_found_by_height() -> None:
    layout = RowLayout([group("1", 0, 1, 2), group("2", 0, 3)])
    assert [row.action.id if row.action else row.group.code for row in layout.rows] == [
        "1", 1, 2, "2", 3]
    assert layout.height == 2 * HEADING_HEIGHT + 3 * ACTION_HEIGHT
    assert layout.index_at(0) == 0
    assert layout.index_at(HEADING_HEIGHT) == 1
    assert layout.index_at(layout.height - 1) == 4
    assert layout.index_at(layout.height) == -1 and layout.index_at(-1) == -1
    assert list(layout.visible(HEADING_HEIGHT + 1, HEADING_HEIGHT + ACTION_HEIGHT + 1)) == [1, 2]
    assert layout.index_of(3) == 4 and layout.index_of(99) == -1
    assert layout.action_indexes() == [1, 2, 4]
