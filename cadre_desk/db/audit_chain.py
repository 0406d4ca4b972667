"""The hash chain of the audit trail: appending a record and verifying the whole chain.

Every `audit_event` row carries its place in the chain (`seq`, 1, 2, 3 …), the hash of the record
before it (`prev_hash`; the first record points to GENESIS or to the anchor of a purge) and its own
`hash`: SHA-256 over a canonical serialisation of every field of the row except the surrogate `id`
and the hash itself (see `canonical`). The singleton row of `audit_chain_head` holds the last `seq` and
`hash`, so that records deleted from the end are found too; on PostgreSQL it is locked (`FOR UPDATE`)
by every writer, which serialises the chain across connections. On SQLite the write lock of the unit
of work (BEGIN IMMEDIATE) already does.

The serialisation is frozen (version 1): changing it would break every chain already written. The
migration that chained the existing rows (0015_audit_chain.py) uses the same functions.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, insert, select, update

from cadre_desk.db.models.audit import AuditChainHead, AuditEvent

GENESIS = "0" * 64
HEAD_ID = 1
# Every field of a record that its hash covers, in the order of the canonical serialisation.
HASHED_FIELDS = (
    "seq",
    "prev_hash",
    "uid",
    "at",
    "account_id",
    "action",
    "entity",
    "entity_id",
    "entity_uid",
    "summary",
    "changes",
    "created_at",
    "updated_at",
    "version",
)
_EVENT: Table = AuditEvent.__table__  # type: ignore[assignment]  # a declarative model's Table
_HEAD: Table = AuditChainHead.__table__  # type: ignore[assignment]


def _value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return value


def canonical(row: Mapping[str, Any], seq: int | None = None) -> bytes:
    """The bytes a record's hash is taken over (`seq` replaces the row's own, to test a move)."""
    fields = {name: _value(row[name]) for name in HASHED_FIELDS}
    if seq is not None:
        fields["seq"] = seq
    text = json.dumps(
        ["cadre-desk-audit-v1", [fields[name] for name in HASHED_FIELDS]],
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
        allow_nan=False,
    )
    return text.encode("utf-8")


def digest(row: Mapping[str, Any], seq: int | None = None) -> str:
    return hashlib.sha256(canonical(row, seq)).hexdigest()


def normalise_changes(changes: Mapping[str, Any]) -> dict[str, Any]:
    """`changes` as the JSON column gives it back (tuples become lists, keys strings), so that the hash
    taken before the insert equals the one taken over the stored row."""
    result: dict[str, Any] = json.loads(json.dumps(dict(changes), ensure_ascii=False))
    return result


@dataclass(frozen=True)
class Head:
    seq: int
    hash: str
    anchor_seq: int
    anchor_hash: str


def read_head(connection: Connection, lock: bool = False) -> Head | None:
    query = select(_HEAD.c.seq, _HEAD.c.hash, _HEAD.c.anchor_seq, _HEAD.c.anchor_hash).where(
        _HEAD.c.id == HEAD_ID
    )
    if lock:
        query = query.with_for_update()  # PostgreSQL: row lock until commit; SQLite: no-op
    row = connection.execute(query).first()
    return None if row is None else Head(int(row[0]), str(row[1]), int(row[2]), str(row[3]))


def append(connection: Connection, values: dict[str, Any]) -> dict[str, Any]:
    """Insert one audit record (every column but `id`, `seq`, `prev_hash`, `hash` given) at the end of
    the chain, in the caller's transaction; returns the values written."""
    return append_many(connection, [values])[0]


def append_many(connection: Connection, values: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """`append` for several records in order, with one read and one update of the head and one
    multi-row insert (a bulk change audits its rows at a fraction of the cost of one by one)."""
    if not values:
        return []
    head = read_head(connection, lock=True)
    if head is None:
        head, lost = _new_head(connection)
        if lost is not None:  # the head row was deleted: say so in the chain itself, first
            values = [_head_rebuilt_record(values[0], lost), *values]
    seq, prev = head.seq, head.hash
    rows = []
    for given in values:
        row = {"account_id": None, "entity_id": None, "entity_uid": None, "summary": "", **given}
        row["changes"] = normalise_changes(row.get("changes") or {})
        seq += 1
        row["seq"] = seq
        row["prev_hash"] = prev
        row["hash"] = prev = digest(row)
        rows.append(row)
    connection.execute(insert(_EVENT), rows)
    connection.execute(update(_HEAD).where(_HEAD.c.id == HEAD_ID).values(seq=seq, hash=prev))
    return rows


HEAD_REBUILT = "chain_head_rebuilt"  # the action of the record that says the head had to be rebuilt


def _new_head(connection: Connection) -> tuple[Head, int | None]:
    """The head of a chain without one: the start (a schema made without the migration, create_all),
    or, when records exist, rebuilt from the last of them. Returns the head and, when rebuilt, the
    sequence number it was rebuilt at (records deleted from the end with the head cannot be told)."""
    last = connection.execute(
        select(_EVENT.c.seq, _EVENT.c.hash).order_by(_EVENT.c.seq.desc()).limit(1)
    ).first()
    first = connection.execute(
        select(_EVENT.c.seq, _EVENT.c.prev_hash).order_by(_EVENT.c.seq).limit(1)
    ).first()
    if last is None or last[0] is None or first is None:
        head = Head(0, GENESIS, 0, GENESIS)
        lost = None
    else:
        head = Head(int(last[0]), str(last[1]), int(first[0]) - 1, str(first[1]))
        lost = head.seq
    connection.execute(
        insert(_HEAD).values(
            id=HEAD_ID, seq=head.seq, hash=head.hash, anchor_seq=head.anchor_seq, anchor_hash=head.anchor_hash
        )
    )
    return head, lost


def _head_rebuilt_record(like: Mapping[str, Any], last_seq: int) -> dict[str, Any]:
    return {
        **{k: like[k] for k in ("at", "created_at", "updated_at", "version") if k in like},
        "uid": str(uuid.uuid4()),
        "account_id": None,
        "action": HEAD_REBUILT,
        "entity": "audit_event",
        "entity_id": None,
        "entity_uid": None,
        "summary": f"审计链头缺失（被删除或损坏），已按第 {last_seq} 条记录重建："
        "其后的记录可能已被删除，请核查",
        "changes": {"rebuilt_at_seq": last_seq},
    }


# --- verification --------------------------------------------------------------------------------

EDITED, DELETED, REORDERED, HEAD_LOST = "edited", "deleted", "reordered", "head_lost"


@dataclass(frozen=True)
class ChainBreak:
    """The first place where the chain does not hold."""

    kind: str  # edited / deleted / reordered / head_lost
    seq: int | None  # the position (sequence number) of the broken record; None: at the end
    event_id: int | None
    detail: str  # in Chinese, for the user


@dataclass(frozen=True)
class ChainReport:
    count: int  # records in the trail
    last_seq: int
    first_break: ChainBreak | None
    breaks: int  # how many records do not fit (the first one is described)

    @property
    def ok(self) -> bool:
        return self.first_break is None


_COLUMNS = [_EVENT.c.id, _EVENT.c.hash, *(_EVENT.c[name] for name in HASHED_FIELDS)]


def _rows(connection: Connection) -> Iterator[dict[str, Any]]:
    result = connection.execution_options(yield_per=2000).execute(
        select(*_COLUMNS).order_by(_EVENT.c.seq.nulls_first(), _EVENT.c.id)
    )
    for row in result:
        yield dict(row._mapping)


def _written_as(row: Mapping[str, Any], last: int) -> int | None:
    """The sequence number under which `row`'s hash was written, when only its number changed."""
    for seq in range(1, last + 2):
        if seq != row["seq"] and digest(row, seq) == row["hash"]:
            return seq
    return None


def _hash_index(connection: Connection) -> dict[str, int]:
    return {
        str(h): int(i)
        for h, i in connection.execute(select(_EVENT.c.hash, _EVENT.c.id)).all()
        if h is not None
    }


def _describe(
    connection: Connection,
    row: Mapping[str, Any],
    expected_prev: str,
    expected_seq: int,
    own_ok: bool,
    last: int,
) -> ChainBreak:
    seq, event_id = row["seq"], int(row["id"])
    where = f"第 {seq} 条记录（编号 {event_id}）"
    if seq is None or row["hash"] is None or row["prev_hash"] is None:
        return ChainBreak(EDITED, seq, event_id, f"{where}缺少链信息（序号或哈希被清除）：记录被改动")
    moved_from = None if own_ok else _written_as(row, max(last, expected_seq, int(seq)))
    if not own_ok and moved_from is None:
        return ChainBreak(EDITED, seq, event_id, f"{where}的内容与其哈希不符：记录被修改")
    if moved_from is None and row["prev_hash"] == expected_prev:  # content fine, link fine: the number
        return ChainBreak(EDITED, seq, event_id, f"{where}的序号应为 {expected_seq}：记录被修改")
    others = _hash_index(connection)
    if row["prev_hash"] in others or (moved_from is not None and row["prev_hash"] == GENESIS):
        written = f"，原为第 {moved_from} 条" if moved_from is not None else ""
        return ChainBreak(REORDERED, seq, event_id, f"{where}不在原来的位置{written}：记录顺序被调换")
    if moved_from is not None:
        gap = f"原第 {moved_from} 条之前的记录"
    elif int(seq) - 1 > expected_seq:
        gap = f"第 {expected_seq}–{int(seq) - 1} 条"
    elif int(seq) > expected_seq:
        gap = f"第 {expected_seq} 条"
    else:
        gap = "它之前的记录"
    return ChainBreak(DELETED, seq, event_id, f"{where}之前的{gap}记录缺失：记录被删除")


def verify(connection: Connection) -> ChainReport:
    """Walk the whole chain in sequence order; report the first break and how many records break it."""
    head = read_head(connection)
    start_seq, start_hash = (head.anchor_seq, head.anchor_hash) if head else (0, GENESIS)
    last = head.seq if head else 0
    expected_prev, expected_seq = start_hash, start_seq + 1
    count = breaks = 0
    first: ChainBreak | None = None
    last_seq, last_hash = start_seq, start_hash
    for row in _rows(connection):
        count += 1
        own_ok = row["hash"] is not None and digest(row) == row["hash"]
        linked = row["prev_hash"] == expected_prev and row["seq"] == expected_seq
        if not (own_ok and linked):
            breaks += 1
            if first is None:
                first = _describe(connection, row, expected_prev, expected_seq, own_ok, last)
        elif row["action"] == HEAD_REBUILT:  # intact, but it says the head was lost: stays reported
            breaks += 1
            if first is None:
                first = ChainBreak(
                    HEAD_LOST,
                    row["seq"],
                    int(row["id"]),
                    f"第 {row['seq']} 条记录（编号 {row['id']}）：审计链头曾缺失并被重建，"
                    "此前末尾的记录可能已被删除",
                )
        expected_prev = str(row["hash"])
        expected_seq = int(row["seq"] or 0) + 1
        last_seq, last_hash = int(row["seq"] or 0), str(row["hash"])
    if head is None and count:
        breaks += 1
        if first is None:
            first = ChainBreak(HEAD_LOST, None, None, "审计链头缺失（被删除或损坏）：末尾的记录可能已被删除")
    if head is not None and (head.seq != last_seq or head.hash != last_hash):
        breaks += 1
        if first is None:
            if head.seq > last_seq:
                missing = head.seq - last_seq
                first = ChainBreak(
                    DELETED,
                    None,
                    None,
                    f"末尾的 {missing} 条记录（第 {last_seq + 1}–{head.seq} 条）缺失：记录被删除",
                )
            else:
                detail = f"链头（第 {head.seq} 条）与最后一条记录（第 {last_seq} 条）不符：记录被改动"
                first = ChainBreak(EDITED, None, None, detail)
    return ChainReport(count, last_seq, first, breaks)
