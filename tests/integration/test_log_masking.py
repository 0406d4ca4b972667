"""Logs never hold personal data: names and ID numbers are masked in the log file (and on stderr)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from cadre_desk import log

NAME = "欧阳雪梅"
OTHER = "张建国"
ID_NUMBER = "110101198503071227"
OLD_ID = "110101850307122"


@pytest.fixture
def log_file(_data_dir: Path) -> Iterator[Path]:
    path = log.setup(to_file=True)
    assert path is not None
    yield path
    logger = logging.getLogger("cadre_desk")
    for handler in logger.handlers:
        handler.close()
    logger.handlers.clear()


def _read(path: Path) -> str:
    for handler in logging.getLogger("cadre_desk").handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


def test_names_and_id_numbers_never_reach_the_log_file(
    log_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    logger = logging.getLogger("cadre_desk.services")
    logger.info("saved cadre %s (%s), unit %s", NAME, ID_NUMBER, "县委组织部")
    logger.warning("干部%s的身份证号%s与出生年月不符", OTHER, OLD_ID)
    logger.info("imported 张三.lrmx for %(name)s", {"name": NAME})
    try:
        raise ValueError(f"干部“{OTHER}”的身份证号 {ID_NUMBER} 重复")
    except ValueError:
        logger.exception("import failed")
    text = _read(log_file)
    err = capsys.readouterr().err
    for secret in (NAME, OTHER, ID_NUMBER, OLD_ID, "雪梅", "建国", "张三"):
        assert secret not in text, secret
        assert secret not in err, secret
    assert "saved cadre" in text and "import failed" in text and "ValueError" in text
    assert "1101**************" in text  # the region stays: a reader can still tell what was logged
    # in a traceback every Chinese text is data
    assert "ValueError: **“***”***** 1101************** **" in text


@pytest.mark.parametrize(
    "failure",
    [
        KeyError("童磊俊"),  # a surname outside the common ones
        ValueError("[parameters: ('翟鑫凯', '安雅瑶', '施思泽')]"),  # a database error's SQL parameters
        PermissionError("谢林只能查看本人帮带的结对和被帮带人"),  # a name inside a longer run
        RuntimeError("导出 3 人：欧阳娜娜、樊星、倪虹洁"),
    ],
)
def test_exception_texts_lose_every_name(log_file: Path, failure: Exception) -> None:
    logger = logging.getLogger("cadre_desk.cli")
    try:
        raise failure
    except Exception as exc:
        logger.exception("unexpected error in the command %r", "export")
        logger.warning(exc)  # an exception passed as the message itself
    text = _read(log_file)
    for name in ("童磊俊", "翟鑫凯", "安雅瑶", "施思泽", "谢林", "娜娜", "樊星", "倪虹洁", "磊俊", "鑫凯"):
        assert name not in text, name
    assert "unexpected error in the command" in text and type(failure).__name__ in text


def test_ordinary_messages_stay_readable(log_file: Path) -> None:
    logging.getLogger("cadre_desk.db").info("数据库文件已损坏，请从备份恢复 (%d rows, %.1f s)", 12, 0.5)
    text = _read(log_file)
    assert "数据库文件已损坏，请从备份恢复 (12 rows, 0.5 s)" in text


def test_mask_helpers() -> None:
    assert log.mask_personal(f"{NAME} {ID_NUMBER}") == "欧阳** 1101**************"
    assert log.mask_value("/home/李四/档案.xlsx") == "/home/**/**.xlsx"
    assert log.mask_personal("order 12345678901234567890") == "order 12345678901234567890"
