"""Logging set-up: a rotating file in the data directory plus stderr for warnings.

Logs never hold personal data: `PersonalDataFilter` sits on every handler and masks ID numbers
(身份证号: 15 or 18 digits, the last may be X) everywhere, and people's names: every Chinese text
passed as an argument of a log call (`log.info("saved %s", name)`) is masked whole, and so is every
Chinese text in exception texts and tracebacks (they carry whatever the failing code held: SQL
parameters, a name inside a sentence, a dictionary key). Only in the fixed message, which is ours and
names no one, does a run of two to four Chinese characters survive unless it begins with a common
surname (张三 → 张*), so that our own words stay readable. The masking errs on the side of hiding too
much (a unit name passed as an argument is hidden too).
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import re
import sys
from pathlib import Path

from cadre_desk import paths

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_current: dict[str, Path] = {}

# 15 or 18 digits (the last of 18 may be X), not part of a longer number: kept are the first 4 (the
# province and city, not a person), the rest replaced.
_ID_NUMBER = re.compile(r"(?<![0-9])([1-9][0-9]{3})([0-9]{13}[0-9Xx]|[0-9]{11})(?![0-9Xx])")
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
# The commonest surnames (compound ones first); about 85 % of Chinese people carry one of these.
_COMPOUND_SURNAMES = (
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "令狐",
    "夏侯",
    "长孙",
)
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "欧"
)


def _mask_id(match: re.Match[str]) -> str:
    return match.group(1) + "*" * len(match.group(2))


def _mask_name(match: re.Match[str]) -> str:
    run = match.group(0)
    if not 2 <= len(run) <= 4:
        return run
    for compound in _COMPOUND_SURNAMES:
        if run.startswith(compound) and len(run) > 2:
            return compound + "*" * (len(run) - 2)
    if run[0] in _SURNAMES:
        return run[0] + "*" * (len(run) - 1)
    return run


def mask_personal(text: str) -> str:
    """`text` with ID numbers and probable names masked (fixed texts: messages, tracebacks)."""
    return _CJK_RUN.sub(_mask_name, _ID_NUMBER.sub(_mask_id, text))


def mask_value(text: str) -> str:
    """An argument of a log call: every Chinese character masked, ID numbers too."""
    return _CJK_RUN.sub(lambda m: "*" * len(m.group(0)), _ID_NUMBER.sub(_mask_id, text))


def _masked_arg(value: object) -> object:
    if isinstance(value, (int, float, bool)) or value is None:
        return value
    return mask_value(str(value))


class PersonalDataFilter(logging.Filter):
    """Masks names and ID numbers in every record before a handler writes it (see the module text)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "_cadre_masked", False):
            return True
        if record.args:
            if isinstance(record.args, dict):
                record.args = {k: _masked_arg(v) for k, v in record.args.items()}
            else:
                record.args = tuple(_masked_arg(v) for v in record.args)
        # a message that is not a literal (`log.warning(exc)`) is data, not our words
        record.msg = mask_personal(record.msg) if isinstance(record.msg, str) else mask_value(str(record.msg))
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_value(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_value(record.stack_info)
        record._cadre_masked = True
        return True


class _ShortFormatter(logging.Formatter):
    """stderr gets one line per record: tracebacks go to the log file only."""

    def format(self, record: logging.LogRecord) -> str:
        if record.exc_info or record.exc_text or record.stack_info:
            record = logging.makeLogRecord(
                {**record.__dict__, "exc_info": None, "exc_text": None, "stack_info": None}
            )
        return super().format(record)


def log_file() -> Path:
    """The log file in use (set by `setup`), else where it would be."""
    return _current.get("file", paths.log_dir() / "cadre-desk.log")


def setup(verbose: bool = False, to_file: bool = True) -> Path | None:
    """Configure the root `cadre_desk` logger; returns the log file path if one is used."""
    logger = logging.getLogger("cadre_desk")
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    logger.handlers.clear()
    stderr = logging.StreamHandler(sys.stderr)
    stderr.setLevel(logging.DEBUG if verbose else logging.WARNING)
    stderr.setFormatter(_ShortFormatter("%(levelname)s: %(message)s"))
    masking = PersonalDataFilter()
    stderr.addFilter(masking)
    logger.addHandler(stderr)
    log_file: Path | None = None
    if to_file:
        try:
            paths.log_dir().mkdir(parents=True, exist_ok=True)
            log_file = paths.log_dir() / "cadre-desk.log"
            handler = logging.handlers.RotatingFileHandler(
                log_file, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
            )
            handler.setFormatter(logging.Formatter(_FORMAT))
            handler.addFilter(masking)
            logger.addHandler(handler)
            _current["file"] = log_file
        except OSError:
            log_file = None  # a read-only home must not stop the app; stderr still works
    if sys.stderr is not None and not faulthandler.is_enabled():
        faulthandler.enable()
    return log_file
