"""A 免责 ruling and the 晴雨表: a yellow or red reading of a period its window covers shows 已容错 and
counts as green (the grid, the counts per unit and period, the 联席研判表's warnings); others stay."""

from __future__ import annotations

from cadre_desk.domain import barometer as bd
from cadre_desk.services import (
    barometer,
    barometer_changes,
    barometer_entries,
    barometer_history,
    barometer_periods,
)
from cadre_desk.services.context import ServiceContext
from tests.conftest import make_cadre
from tests.integration.test_tolerance import new_case, rule_case


def _entry(ctx: ServiceContext, period_id: int, cadre_id: int) -> barometer.EntryView:
    return next(e for e in barometer_entries.list_entries(ctx, period_id) if e.cadre_id == cadre_id)


def test_a_tolerated_reading_is_not_counted_as_a_warning(ctx: ServiceContext) -> None:
    tolerated, other = make_cadre(ctx, "吴担当"), make_cadre(ctx, "郑其他")
    rule_case(ctx, new_case(ctx, tolerated.id))  # matter 2025.03.10, 免予问责 2026.03.20: window to 2027
    rule_case(ctx, new_case(ctx, other.id, matter="另一事项"), ruling="从轻")  # not 免责
    period = barometer_periods.open_period(ctx, "2026Q2")
    for cadre in (tolerated, other):
        e = _entry(ctx, period.id, cadre.id)
        e = barometer_changes.set_indicators(ctx, e.id, {"discipline": "党内警告"}, e.version)
        assert e.computed_colour == bd.RED
    mine = _entry(ctx, period.id, tolerated.id)
    assert mine.tolerated == "已容错（2026.03.20 县纪委监委 免予问责，X纪容〔2026〕1号）"
    assert (mine.colour, mine.warning, mine.computed_colour) == (bd.GREEN, False, bd.RED)
    assert mine.to_json({bd.RED: "红", bd.YELLOW: "黄", bd.GREEN: "绿"})["tolerated"] == mine.tolerated
    theirs = _entry(ctx, period.id, other.id)
    assert (theirs.tolerated, theirs.colour, theirs.warning) == ("", bd.RED, True)
    assert [e.cadre_id for e in barometer_entries.list_entries(ctx, period.id, warnings_only=True)] == [
        other.id
    ]
    counts = barometer_periods.get_period(ctx, period.id).counts
    assert counts.get(bd.RED) == 1 and counts.get(bd.GREEN) == 1
    assert sum(u.counts.get(bd.RED, 0) for u in barometer_entries.unit_counts(ctx, period.id)) == 1
    with ctx.db.read() as session:
        review = barometer_entries.gather_joint_review_in(session, period.id)
    assert [e.cadre_id for e in review.warnings] == [other.id]
    # a period outside the ruling's window is untouched
    late = barometer_periods.open_period(ctx, "2028Q1")
    e = _entry(ctx, late.id, tolerated.id)
    e = barometer_changes.set_indicators(ctx, e.id, {"discipline": "党内警告"}, e.version)
    assert (e.tolerated, e.colour) == ("", bd.RED)


def test_a_tolerated_reading_owes_no_talk_and_shows_on_the_profile_strip(ctx: ServiceContext) -> None:
    """Counted as green, a reading under a 免责 ruling raises no 苗头 obligation; the cadre's history
    (the profile's strip, the dossier) names the ruling."""
    from cadre_desk.services import obligations

    tolerated, other = make_cadre(ctx, "吴担当"), make_cadre(ctx, "郑其他")
    rule_case(ctx, new_case(ctx, tolerated.id))
    period = barometer_periods.open_period(ctx, "2026Q2")
    for cadre in (tolerated, other):
        e = _entry(ctx, period.id, cadre.id)
        barometer_changes.set_indicators(ctx, e.id, {"discipline": "党内警告"}, e.version)
    owed = {o.cadre_id for o in obligations.list_obligations(ctx) if o.rule == "苗头"}
    assert owed == {other.id}
    (reading,) = barometer_history.cadre_history(ctx, tolerated.id)
    assert reading.colour == bd.RED and reading.tolerated.startswith("已容错（2026.03.20")
    (plain,) = barometer_history.cadre_history(ctx, other.id)
    assert plain.tolerated == ""
