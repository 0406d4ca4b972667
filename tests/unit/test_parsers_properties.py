"""Property tests of the parsers: year-months in every spelling, ID check digits, 简历 text with 其间
items, roster date cells, and .lrmx write → read round trips (rare name characters, long resumes).

Deterministic (derandomized) and modest in examples so the suite stays fast.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path
from tempfile import TemporaryDirectory

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cadre_desk.domain import vocab
from cadre_desk.domain.idcard import IdNumberError, check_digit, parse_id_number
from cadre_desk.domain.yearmonth import MAX_YEAR, MIN_YEAR, DateFormatError, YearMonth
from cadre_desk.transfer import formtext, lrmx, roster
from cadre_desk.transfer.model import AssessmentItem, FamilyItem, FormatProblem, ResumeItem, RewardItem

FAST = settings(
    derandomize=True,
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
SLOW = settings(FAST, max_examples=15)

years = st.integers(MIN_YEAR, MAX_YEAR)
months = st.integers(1, 12)
year_months = st.builds(YearMonth, years, months)

# The five spellings of issue 6 (and of issue 3's "usual ways staff write a month").
SPELLINGS = {
    "dotted": lambda y, m: f"{y}.{m:02d}",
    "dotted_short": lambda y, m: f"{y}.{m}",
    "compact": lambda y, m: f"{y}{m:02d}",
    "chinese": lambda y, m: f"{y}年{m}月",
    "dashed": lambda y, m: f"{y}-{m:02d}",
}
spellings = st.sampled_from(sorted(SPELLINGS))


# --- YearMonth -----------------------------------------------------------------------------------


@FAST
@given(ym=year_months, spelling=spellings, pad=st.sampled_from(["", " ", "  ", "\t"]))
def test_every_spelling_parses_to_the_month_and_formats_back(ym: YearMonth, spelling: str, pad: str) -> None:
    text = SPELLINGS[spelling](ym.year, ym.month)
    parsed = YearMonth.parse(pad + text + pad)
    assert parsed == ym
    assert str(parsed) == f"{ym.year:04d}.{ym.month:02d}"
    assert YearMonth.parse(str(parsed)) == parsed
    assert YearMonth.from_int(parsed.to_int()) == parsed
    # the .lrmx / roster reader accepts the same spellings, and writes compact
    assert formtext.read_year_month(text, "出生年月") == ym
    assert formtext.read_year_month(formtext.compact(ym), "出生年月") == ym


@FAST
@given(year=years, month=st.one_of(st.just(0), st.integers(13, 99)), spelling=spellings)
def test_months_outside_1_to_12_are_rejected(year: int, month: int, spelling: str) -> None:
    text = SPELLINGS[spelling](year, month)
    with pytest.raises(DateFormatError):
        YearMonth.parse(text)
    with pytest.raises(FormatProblem, match="出生年月"):
        formtext.read_year_month(text, "出生年月")


@FAST
@given(year=st.one_of(st.integers(1000, MIN_YEAR - 1), st.integers(MAX_YEAR + 1, 9999)), month=months)
def test_years_outside_the_range_are_rejected(year: int, month: int) -> None:
    with pytest.raises(DateFormatError, match="年份"):
        YearMonth.parse(f"{year}.{month:02d}")


@pytest.mark.parametrize("junk", ["八五年", "1985", "85.03", "1985.03.", "1985..03", "abc", "1985年", ""])
def test_other_text_is_rejected(junk: str) -> None:
    with pytest.raises(DateFormatError):
        YearMonth.parse(junk)


# --- ID card check digit (GB 11643) --------------------------------------------------------------

birth_dates = st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31))


@st.composite
def id_numbers(draw: st.DrawFn) -> tuple[str, dt.date, bool]:
    region = draw(st.text("0123456789", min_size=6, max_size=6))
    birth = draw(birth_dates)
    order = draw(st.integers(0, 999))
    first17 = f"{region}{birth:%Y%m%d}{order:03d}"
    return first17 + check_digit(first17), birth, order % 2 == 1


@FAST
@given(number=id_numbers())
def test_a_generated_number_validates(number: tuple[str, dt.date, bool]) -> None:
    value, birth, male = number
    parsed = parse_id_number(value)
    assert (parsed.value, parsed.birth, parsed.male) == (value, birth, male)
    assert parse_id_number(f" {value.lower()} ").value == value  # x / spaces are normalised


@FAST
@given(number=id_numbers(), position=st.integers(0, 17), data=st.data())
def test_changing_any_one_character_invalidates(
    number: tuple[str, dt.date, bool], position: int, data: st.DataObject
) -> None:
    value = number[0]
    choices = "0123456789X" if position == 17 else "0123456789"
    new = data.draw(st.sampled_from([c for c in choices if c != value[position]]))
    changed = value[:position] + new + value[position + 1 :]
    with pytest.raises(IdNumberError):
        parse_id_number(changed)


@FAST
@given(number=id_numbers(), i=st.integers(0, 15))
def test_swapping_two_different_adjacent_digits_invalidates(
    number: tuple[str, dt.date, bool], i: int
) -> None:
    """The check digit also catches transpositions of two neighbouring digits."""
    value = number[0]
    if value[i] == value[i + 1]:
        return
    swapped = value[:i] + value[i + 1] + value[i] + value[i + 2 :]
    with pytest.raises(IdNumberError):
        parse_id_number(swapped)


# --- 简历 text ------------------------------------------------------------------------------------

# Text of a resume line: starts with a Chinese character (as every real line does); may hold digits,
# Latin letters, brackets and punctuation, but not the words that open a 其间 block.
_HAN = (
    "县委组织部办公室乡镇党政科员副主任长书记大学学院专业学习研究生挂职锻炼浙江杭州工业师范经济管理法律局处"
)
_RARE = "堃喆昇燊㛃䶮𠮷𬌗"
_INNER = _HAN + _RARE + "0123456789ABCXYZ（）()、，·—《》 "
_PLAIN_INNER = _INNER + "；"


def _line_text(alphabet: str, max_size: int = 40) -> st.SearchStrategy[str]:
    return st.builds(
        lambda head, rest: (head + rest).rstrip(),
        st.sampled_from(_HAN + _RARE),
        st.text(alphabet, max_size=max_size),
    )


ends = st.one_of(st.none(), year_months)
concurrent_items = st.builds(ResumeItem, year_months, ends, _line_text(_INNER, 30))
resume_items = st.builds(
    ResumeItem,
    year_months,
    ends,
    _line_text(_PLAIN_INNER),
    st.lists(concurrent_items, max_size=3).map(tuple),
)
resumes = st.lists(resume_items, min_size=1, max_size=12).map(tuple)


@FAST
@given(items=resumes)
def test_resume_text_round_trips(items: tuple[ResumeItem, ...]) -> None:
    text = formtext.write_resume(items)
    assert formtext.read_resume(text) == items
    assert formtext.read_resume(text.replace("\n", "\r\n")) == items  # Windows line endings
    assert formtext.read_resume("\n" + text.replace("\n", "\n\n") + "\n") == items  # blank lines


@FAST
@given(items=resumes)
def test_resume_with_the_concurrent_block_on_its_own_line(items: tuple[ResumeItem, ...]) -> None:
    """`（其间：…）` on a line of its own belongs to the line before it."""
    lines = []
    for item in items:
        line = formtext.write_resume([ResumeItem(item.start, item.end, item.text)])
        lines.append(line)
        if item.concurrent:
            inner = "；".join(f"{c.start}--{c.end or ''} {c.text}" for c in item.concurrent)
            lines.append(f"    （其间：{inner}）")
    assert formtext.read_resume("\n".join(lines)) == items


@FAST
@given(items=resumes, data=st.data())
def test_wrapped_resume_lines_continue_the_line_before(
    items: tuple[ResumeItem, ...], data: st.DataObject
) -> None:
    """The editor wraps long lines; a continuation (indented, no leading span) joins its line."""
    lines = []
    for item in items:
        main = formtext.write_resume([ResumeItem(item.start, item.end, item.text)])
        head = len(main) - len(item.text)
        # cut before a Chinese character of the text, never after a space
        cuts = [
            head + i
            for i in range(1, len(item.text))
            if item.text[i] in _HAN + _RARE and not item.text[i - 1].isspace()
        ]
        if cuts:
            cut = data.draw(st.sampled_from(cuts))
            lines += [main[:cut], "                  " + main[cut:]]
        else:
            lines.append(main)
        if item.concurrent:
            inner = "；".join(f"{c.start}--{c.end or ''} {c.text}" for c in item.concurrent)
            lines[-1] += f"（其间：{inner}）"
    assert formtext.read_resume("\n".join(lines)) == items


@FAST
@given(ym=year_months, end=ends, sep=st.sampled_from(["--", "—", "——", "－", "-", "~", "～", "至"]))
def test_resume_span_separators_and_date_spellings(ym: YearMonth, end: YearMonth | None, sep: str) -> None:
    start_text = SPELLINGS["dotted_short"](ym.year, ym.month)
    end_text = "" if end is None else SPELLINGS["compact"](end.year, end.month)
    (item,) = formtext.read_resume(f"{start_text}{sep}{end_text}  县委办科员")
    assert (item.start, item.end, item.text) == (ym, end, "县委办科员")


# --- roster date cells ---------------------------------------------------------------------------

dates = st.dates(dt.date(MIN_YEAR, 1, 1), dt.date(MAX_YEAR, 12, 31))


def _cell_forms(day: dt.date) -> list[tuple[object, str]]:
    """Every way a staff member's roster may hold this month: (cell value, number format)."""
    y, m = day.year, day.month
    forms: list[tuple[object, str]] = [
        (dt.datetime(y, m, day.day), "yyyy-mm-dd"),  # a real Excel date
        (dt.datetime(y, m, day.day), 'yyyy"年"m"月"'),
        (day, "yyyy.mm"),
        (y * 100 + m, "General"),  # 198503 typed as a number
        (y * 10000 + m * 100 + day.day, "General"),  # 19850312
        (float(f"{y}.{m:02d}"), "0.00"),  # 1985.03 as a number shown with two decimals
    ]
    if m != 10:  # 1985.10 typed as a General number is 1985.1: read as January, with a warning
        forms.append((float(f"{y}.{m:02d}"), "General"))
    forms += [(SPELLINGS[s](y, m), "@") for s in sorted(SPELLINGS)]  # text cells
    forms += [(f"{y}.{m:02d}.{day.day:02d}", "@"), (f"{y}{m:02d}{day.day:02d}", "@")]
    return forms


@FAST
@given(day=dates)
def test_roster_date_cell_every_form(day: dt.date) -> None:
    want = YearMonth(day.year, day.month)
    for value, fmt in _cell_forms(day):
        got, note = roster._ym_cell(value, fmt, "出生年月")
        assert got == want, (value, fmt)
        assert note == ""


@FAST
@given(year=years)
def test_roster_general_number_with_one_decimal_is_read_with_a_warning(year: int) -> None:
    got, note = roster._ym_cell(float(f"{year}.10"), "General", "出生年月")
    assert got == YearMonth(year, 1) and "10 月" in note


@FAST
@given(day=dates)
def test_roster_integral_float_cell(day: dt.date) -> None:
    """Some writers store whole numbers as `198503.0`; openpyxl then gives a float."""
    got, note = roster._ym_cell(float(day.year * 100 + day.month), "General", "出生年月")
    assert (got, note) == (YearMonth(day.year, day.month), "")


@FAST
@given(year=years, month=st.one_of(st.just(0), st.integers(13, 99)))
def test_roster_bad_months_are_cell_problems(year: int, month: int) -> None:
    for value in (f"{year}.{month:02d}", year * 100 + month, f"{year}年{month}月"):
        with pytest.raises(FormatProblem):
            roster._ym_cell(value, "General", "出生年月")


@SLOW
@given(days=st.lists(dates, min_size=1, max_size=4))
def test_roster_file_with_every_date_form(days: list[dt.date]) -> None:
    """Through a real .xlsx written and read by openpyxl: merged title, header, one row per form."""
    with TemporaryDirectory() as tmp:
        path = Path(tmp) / "r.xlsx"
        book = openpyxl.Workbook()
        ws = book.active
        ws.append(["XX县干部名册"])
        ws.merge_cells("A1:C1")
        ws.append(["姓名", "出生年月", "参加工作时间"])
        expected = []
        for day in days:
            for value, fmt in _cell_forms(day):
                ws.append(["张三", value, value])
                ws.cell(ws.max_row, 2).number_format = fmt
                ws.cell(ws.max_row, 3).number_format = fmt
                expected.append(YearMonth(day.year, day.month))
            ws.append([])
        book.save(path)
        sheet = roster.open_roster(path)
    assert sheet.header_row == 2
    data = [roster.row_data(sheet, values, formats) for _n, values, formats in sheet.rows]
    got = [(d.values["birth"], d.values["work_start"]) for d in data if d is not None]
    assert got == [(e, e) for e in expected]
    assert all(not d.warnings for d in data if d is not None)


# --- .lrmx write → read --------------------------------------------------------------------------

_NAME_CHARS = "王李张刘陈杨赵黄周吴欧阳司马" + _RARE
names = st.text(_NAME_CHARS, min_size=2, max_size=6)
words = st.text(_HAN + _RARE, min_size=1, max_size=20)
maybe_words = st.one_of(st.just(""), words)
_REWARD_WORDS = "被评为优秀共产党员先进工作者嘉奖三等功"
rewards = st.builds(
    lambda d, text: RewardItem("奖励", d, f"{d} {text}"),
    year_months,
    st.text(_REWARD_WORDS, min_size=1, max_size=15).map(lambda s: "被" + s),
)
punishments = st.builds(
    lambda d, text: RewardItem("惩处", d, f"{d} {text}"),
    year_months,
    st.sampled_from(["受到党内警告处分", "受到诫勉", "受到通报批评", "记过"]),
)
assessment_lists = st.lists(
    st.tuples(st.integers(1990, 2030), st.sampled_from([g.value for g in vocab.AssessmentGrade])),
    max_size=5,
    unique_by=lambda t: t[0],
).map(lambda pairs: tuple(AssessmentItem(y, g) for y, g in sorted(pairs)))
family_items = st.builds(
    FamilyItem,
    st.sampled_from(["妻子", "丈夫", "儿子", "女儿", "父亲", "母亲"]),
    names,
    st.one_of(st.none(), year_months),
    st.sampled_from(["", "中共党员", "群众", "共青团员"]),
    maybe_words,
)


@st.composite
def cadres(draw: st.DrawFn) -> lrmx.ModelView:
    birth = draw(st.dates(dt.date(1955, 1, 1), dt.date(1990, 12, 28)))  # no date in the future
    male = draw(st.booleans())
    first17 = f"330102{birth:%Y%m%d}{draw(st.integers(0, 99)):02d}{draw(st.integers(0, 4)) * 2 + male}"
    ym = YearMonth.from_date(birth)
    party_join = draw(st.one_of(st.none(), st.builds(ym.add_months, st.integers(18 * 12, 30 * 12))))
    values = {
        "name": draw(names),
        "gender": "男" if male else "女",
        "birth": ym,
        "ethnicity": draw(st.sampled_from(["汉族", "回族", "满族", "蒙古族"])),
        "native_place": draw(maybe_words),
        "birthplace": draw(maybe_words),
        "party_join": party_join,
        "democratic_party": "" if party_join else draw(st.sampled_from(["", "民盟", "九三学社"])),
        "work_start": ym.add_months(draw(st.integers(16 * 12, 26 * 12))),
        "health": draw(st.sampled_from(["健康", "良好", ""])),
        "professional_title": draw(maybe_words),
        "speciality": draw(maybe_words),
        "fulltime_education": draw(st.sampled_from(["大学", "研究生", "大专", ""])),
        "fulltime_degree": draw(st.sampled_from(["法学学士", "管理学硕士", ""])),
        "fulltime_school": draw(maybe_words),
        "fulltime_degree_school": draw(maybe_words),
        "inservice_education": draw(st.sampled_from(["研究生", ""])),
        "inservice_degree": draw(st.sampled_from(["公共管理硕士", ""])),
        "inservice_school": draw(maybe_words),
        "inservice_degree_school": draw(maybe_words),
        "post": draw(maybe_words),
        "id_number": first17 + check_digit(first17),
    }
    return lrmx.ModelView(
        values=values,
        resume=draw(st.lists(resume_items, max_size=45).map(tuple)),
        family=draw(st.lists(family_items, max_size=10).map(tuple)),
        rewards=draw(st.lists(st.one_of(rewards, punishments), max_size=4).map(tuple)),
        assessments=draw(assessment_lists),
        photo=draw(st.one_of(st.none(), st.binary(min_size=1, max_size=300))),
        source=None,
    )


LRMX_COLUMNS = (*lrmx.TEXT_FIELDS.values(), "birth", "work_start", "gender", "ethnicity", "id_number")


@settings(FAST, max_examples=40)
@given(view=cadres())
def test_lrmx_written_then_read_gives_the_same_cadre(view: lrmx.ModelView) -> None:
    data = lrmx.write_lrmx(view, dt.date(2025, 5, 1))
    root = lrmx.parse_xml(data)
    assert [el.tag for el in root] == list(lrmx.ORDER)
    assert len(root.findall("JiaTingChengYuan/Item")) == max(10, len(view.family))
    back = lrmx.read_lrmx(data, "x.lrmx")
    for column in LRMX_COLUMNS:
        assert back.values[column] == view.values[column], column
    assert back.values["party_join"] == view.values["party_join"]
    assert back.values["democratic_party"] == view.values["democratic_party"]
    assert back.resume == view.resume
    assert back.family == view.family
    assert back.rewards == view.rewards
    assert back.assessments == formtext.last_three(view.assessments)
    assert back.photo == view.photo
    assert back.warnings == []
    # dates are written in the editor's compact form
    assert root.findtext("ChuShengNianYue") == formtext.compact(view.values["birth"])
    # writing again from what was read, with its source kept, gives the same elements
    again = lrmx.ModelView(
        back.values,
        back.resume or (),
        back.family or (),
        back.rewards or (),
        view.assessments,
        back.photo,
        back.source,
    )
    assert lrmx.elements(lrmx.write_lrmx(again, dt.date(2030, 1, 1))) == lrmx.elements(data)


def test_rare_characters_survive_the_file_encoding() -> None:
    """Characters outside the BMP and CJK Extension A are written as UTF-8, not as entities that break."""
    view = lrmx.ModelView(
        values={"name": "欧阳㛃䶮𠮷", "birth": YearMonth(1985, 3), "gender": "女"},
        resume=(ResumeItem(YearMonth(2003, 9), None, "堃喆昇燊大学学习"),),
        family=(FamilyItem("儿子", "王𬌗", YearMonth(2010, 1)),),
        rewards=(),
        assessments=(),
        photo=None,
        source=None,
    )
    data = lrmx.write_lrmx(view)
    assert "欧阳㛃䶮𠮷".encode() in data and b"&#" not in data
    back = lrmx.read_lrmx(data)
    assert back.values["name"] == "欧阳㛃䶮𠮷" and back.family == view.family and back.resume == view.resume
    assert re.search("<XingMing>欧阳㛃䶮𠮷</XingMing>", data.decode("utf-8"))


def test_roster_file_with_whole_numbers_stored_as_floats(tmp_path: Path) -> None:
    """Regression: writers such as Apache POI store 198503 as `<v>198503.0</v>`; it was rejected."""
    book = openpyxl.Workbook()
    book.active.append(["姓名", "出生年月", "参加工作时间"])
    book.active.append(["王建国", 198503, 20070701])
    book.save(tmp_path / "a.xlsx")
    with zipfile.ZipFile(tmp_path / "a.xlsx") as zin, zipfile.ZipFile(tmp_path / "b.xlsx", "w") as zout:
        for info in zin.infolist():
            body = zin.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                body = body.replace(b"<v>198503</v>", b"<v>198503.0</v>")
                body = body.replace(b"<v>20070701</v>", b"<v>2.0070701E7</v>")
            zout.writestr(info, body)
    sheet = roster.open_roster(tmp_path / "b.xlsx")
    ((_n, values, formats),) = sheet.rows
    assert values[1:] == (198503.0, 20070701.0)  # floats, as openpyxl reads them
    data = roster.row_data(sheet, values, formats)
    assert data is not None
    assert (data.values["birth"], data.values["work_start"]) == (YearMonth(1985, 3), YearMonth(2007, 7))
