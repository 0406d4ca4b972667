"""The full-text index: `search_doc` rows plus, on SQLite, two FTS5 tables.

Matching semantics (the brute-force test checks exactly this): the query is lower-cased and split into
terms at every character that is not a letter or digit; a record matches when every term occurs in its
lower-cased text as a substring.

- terms of 3+ characters: the trigram table (`search_fts_tri`, external content = search_doc.body);
- terms of 1–2 characters: the trigram tokenizer cannot answer them (and `LIKE` against it silently
  returns nothing on SQLite 3.40), so a contentless table indexes every character bigram of each
  letter/digit run plus the run's last character alone; a 2-character term is one token and a
  1-character term a prefix query (`"x"*`).
On another engine (PostgreSQL) only `search_doc` is kept and terms are matched with ILIKE (pg_trgm).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

_RUN = re.compile(r"[^\W_]+")
COUNT_CAP = 10_000
_INSERT_DOC = (
    "INSERT INTO search_doc(id, kind, ref_id, sort_key, title, body) VALUES (:id, :k, :r, :s, :t, :b)"
)


def normalise(value: str) -> str:
    return value.lower()


def terms_of(query: str) -> list[str]:
    """The distinct search terms of a user query, in order."""
    seen: dict[str, None] = {}
    for term in _RUN.findall(normalise(query)):
        seen.setdefault(term, None)
    return list(seen)


def bigrams(body: str) -> str:
    """The bigram table's token text for a body: `ab bc cd d` for each run `abcd`."""
    out: list[str] = []
    for run in _RUN.findall(normalise(body)):
        out.extend(run[i : i + 2] for i in range(len(run) - 1))
        out.append(run[-1])
    return " ".join(out)


def matches(body: str, terms: Sequence[str]) -> bool:
    """The reference semantics, for checks and tests."""
    lowered = normalise(body)
    return all(term in lowered for term in terms)


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


@dataclass(frozen=True, slots=True)
class DocRow:
    id: int
    kind: str
    ref_id: int
    sort_key: str
    title: str
    body: str


def _is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def _fts_insert(session: Session, doc_id: int, body: str) -> None:
    session.execute(
        text("INSERT INTO search_fts_tri(rowid, body) VALUES (:id, :body)"), {"id": doc_id, "body": body}
    )
    session.execute(
        text("INSERT INTO search_fts_bi(rowid, grams) VALUES (:id, :grams)"),
        {"id": doc_id, "grams": bigrams(body)},
    )


def _fts_delete(session: Session, doc_id: int, body: str) -> None:
    # External-content and contentless FTS5 tables need the exact old values to remove a row.
    session.execute(
        text("INSERT INTO search_fts_tri(search_fts_tri, rowid, body) VALUES ('delete', :id, :body)"),
        {"id": doc_id, "body": body},
    )
    session.execute(
        text("INSERT INTO search_fts_bi(search_fts_bi, rowid, grams) VALUES ('delete', :id, :grams)"),
        {"id": doc_id, "grams": bigrams(body)},
    )


# Document ids encode the record's date: (minutes since 1900-01-01) << 20, plus a counter for records
# of the same minute. FTS5 walks a match in descending rowid order and stops at the LIMIT, so "newest
# first" costs nothing even when a term occurs in every record (a sort over the matches took ~250 ms
# on 300,000 documents; this takes under 1 ms).
_EPOCH = dt.datetime(1900, 1, 1)
_SLOT_BITS = 20


def base_id(sort_key: str) -> int:
    """The smallest document id for a sort key `YYYY-MM-DD[ HH:MM[:SS]]`."""
    moment = (
        dt.datetime.fromisoformat(sort_key[:16])
        if len(sort_key) > 10
        else dt.datetime.fromisoformat(sort_key)
    )
    minutes = int((moment - _EPOCH).total_seconds()) // 60
    return max(0, minutes) << _SLOT_BITS


def _new_id(session: Session, sort_key: str) -> int:
    base = base_id(sort_key)
    top = session.execute(
        text("SELECT max(id) FROM search_doc WHERE id >= :lo AND id < :hi"),
        {"lo": base, "hi": base + (1 << _SLOT_BITS)},
    ).scalar()
    return base if top is None else int(top) + 1


def put(session: Session, kind: str, ref_id: int, sort_key: str, title: str, body: str) -> None:
    """Add or replace the document of one record."""
    old = session.execute(
        text("SELECT id, sort_key, title, body FROM search_doc WHERE kind = :kind AND ref_id = :ref"),
        {"kind": kind, "ref": ref_id},
    ).first()
    if old is not None:
        if old.body == body and old.sort_key == sort_key:
            if old.title != title:
                session.execute(
                    text("UPDATE search_doc SET title = :t WHERE id = :id"), {"t": title, "id": old.id}
                )
            return
        remove(session, kind, ref_id)
    doc_id = _new_id(session, sort_key)
    session.execute(
        text(_INSERT_DOC),
        {"id": doc_id, "k": kind, "r": ref_id, "s": sort_key, "t": title, "b": body},
    )
    if _is_sqlite(session):
        _fts_insert(session, doc_id, body)


def remove(session: Session, kind: str, ref_id: int) -> None:
    old = session.execute(
        text("SELECT id, body FROM search_doc WHERE kind = :kind AND ref_id = :ref"),
        {"kind": kind, "ref": ref_id},
    ).first()
    if old is None:
        return
    if _is_sqlite(session):
        _fts_delete(session, old.id, old.body)
    session.execute(text("DELETE FROM search_doc WHERE id = :id"), {"id": old.id})


def clear(session: Session) -> None:
    if _is_sqlite(session):
        session.execute(text("INSERT INTO search_fts_tri(search_fts_tri) VALUES ('delete-all')"))
        session.execute(text("INSERT INTO search_fts_bi(search_fts_bi) VALUES ('delete-all')"))
    session.execute(text("DELETE FROM search_doc"))


def bulk_put(
    session: Session,
    docs: Iterable[tuple[str, int, str, str, str]],
    next_slot: dict[int, int] | None = None,
    fts: bool = True,
) -> int:
    """Fill an empty index with many documents (kind, ref_id, sort_key, title, body): the rebuild path.

    `next_slot` (base id -> next free slot) must be shared by the calls that fill one index in parts,
    or two records of the same minute in different parts would get the same document id.
    With `fts=False` only `search_doc` is written; `fill_fts` then indexes it in id order (faster).
    """
    sqlite = _is_sqlite(session)
    if next_slot is None:
        next_slot = {}
    count = 0
    batch: list[dict[str, object]] = []

    def flush() -> None:
        if not batch:
            return
        session.execute(
            text(_INSERT_DOC),
            batch,
        )
        if sqlite and fts:
            session.execute(text("INSERT INTO search_fts_tri(rowid, body) VALUES (:id, :b)"), batch)
            session.execute(
                text("INSERT INTO search_fts_bi(rowid, grams) VALUES (:id, :g)"),
                [{"id": row["id"], "g": bigrams(str(row["b"]))} for row in batch],
            )
        batch.clear()

    for kind, ref_id, sort_key, title, body in docs:
        base = base_id(sort_key)
        slot = next_slot.get(base, 0)
        next_slot[base] = slot + 1
        batch.append({"id": base + slot, "k": kind, "r": ref_id, "s": sort_key, "t": title, "b": body})
        count += 1
        if len(batch) >= 2000:
            flush()
    flush()
    return count


def _grams(rows: Sequence[tuple[int, str]]) -> list[dict[str, object]]:
    return [{"id": doc_id, "g": bigrams(body)} for doc_id, body in rows]


def fill_fts(session: Session, progress: Callable[[int], None] | None = None, batch: int = 2000) -> int:
    """Index every `search_doc` row in the (empty) FTS tables, in ascending id order; SQLite only.

    The order matters: FTS5 flushes its pending terms to a new segment whenever a rowid is lower than
    the one before, so date-encoded ids inserted in record order made thousands of tiny segments to
    merge (measured on 369,000 documents of ~500 characters: trigram 163 s and bigram 136 s out of
    order). The bigram text of a batch is built in a worker thread while SQLite, which releases the
    GIL, indexes the trigrams of the same batch.
    """
    if not _is_sqlite(session):
        return 0
    done, last = 0, -1
    select_rows = text("SELECT id, body FROM search_doc WHERE id > :last ORDER BY id LIMIT :n")
    with ThreadPoolExecutor(max_workers=1) as pool:
        while True:
            rows = [(int(r[0]), str(r[1])) for r in session.execute(select_rows, {"last": last, "n": batch})]
            if not rows:
                break
            grams = pool.submit(_grams, rows)
            session.execute(
                text("INSERT INTO search_fts_tri(rowid, body) VALUES (:id, :b)"),
                [{"id": doc_id, "b": body} for doc_id, body in rows],
            )
            session.execute(text("INSERT INTO search_fts_bi(rowid, grams) VALUES (:id, :g)"), grams.result())
            last = rows[-1][0]
            done += len(rows)
            if progress is not None:
                progress(done)
    return done


def _matching_ids(
    terms: Sequence[str], sqlite: bool, kinds: Sequence[str] | None = None
) -> tuple[str, dict[str, object], bool]:
    """SQL giving the ids (column `doc_id`) of matching documents, its parameters, and whether it is
    one FTS table alone.

    On SQLite a kind filter is one more sorted stream in the compound: the ids of those kinds in id
    order (index `ix_search_doc_kind_id`) INTERSECT the FTS rowids, a merge of two sorted streams. Joining
    `search_doc` to every FTS match to test its kind read one large row per match (3.2-3.7 s for a
    common word on the 10,000-cadre county), and the planner sometimes probed FTS once per row.
    """
    params: dict[str, object] = {}
    if not sqlite:
        clauses = []
        for i, term in enumerate(terms):
            escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            params[f"t{i}"] = f"%{escaped}%"
            clauses.append(f"lower(body) LIKE :t{i} ESCAPE '\\'")
        return "SELECT id AS doc_id FROM search_doc WHERE " + " AND ".join(clauses), params, False
    selects = []
    for i, kind in enumerate(dict.fromkeys(kinds or ())):
        params[f"k{i}"] = kind
        selects.append(f"SELECT id AS doc_id FROM search_doc WHERE kind = :k{i}")
    # UNION and INTERSECT bind left to right: (k0 UNION k1) INTERSECT tri INTERSECT bi.
    kind_part = " UNION ".join(selects)
    selects = [kind_part] if kind_part else []
    long_terms = [t for t in terms if len(t) >= 3]
    short_terms = [t for t in terms if len(t) < 3]
    if long_terms:
        params["tri"] = " AND ".join(_quote(t) for t in long_terms)
        selects.append("SELECT rowid AS doc_id FROM search_fts_tri WHERE search_fts_tri MATCH :tri")
    if short_terms:
        params["bi"] = " AND ".join(_quote(t) + ("*" if len(t) == 1 else "") for t in short_terms)
        selects.append("SELECT rowid AS doc_id FROM search_fts_bi WHERE search_fts_bi MATCH :bi")
    # INTERSECT merges the sorted id streams; `rowid IN (subquery)` was re-run per row (60 s).
    return " INTERSECT ".join(selects), params, len(selects) == 1


_COLUMNS = "d.id, d.kind, d.ref_id, d.sort_key, d.title, d.body"


def _kinds_sql(stmt: str, params: dict[str, object], kinds: Sequence[str] | None) -> Any:
    sql = text(stmt)
    if kinds:
        params["kinds"] = list(kinds)
        sql = sql.bindparams(bindparam("kinds", expanding=True))
    return sql


def query(
    session: Session,
    terms: Sequence[str],
    kinds: Sequence[str] | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[DocRow]:
    """Documents matching every term, newest first (by document id, which orders by date)."""
    if not terms:
        return []
    sqlite = _is_sqlite(session)
    ids, params, single = _matching_ids(terms, sqlite, kinds)
    if sqlite and single:
        table = "search_fts_tri" if "search_fts_tri" in ids else "search_fts_bi"
        match = ":tri" if table == "search_fts_tri" else ":bi"
        stmt = (
            f"SELECT {_COLUMNS} FROM {table} f JOIN search_doc d ON d.id = f.rowid "
            f"WHERE {table} MATCH {match} ORDER BY f.rowid DESC LIMIT :limit OFFSET :offset"
        )
    elif sqlite:
        # The page is cut inside the compound (a merge in id order), then its rows are read.
        stmt = (
            f"SELECT {_COLUMNS} FROM ({ids} ORDER BY 1 DESC LIMIT :limit OFFSET :offset) m "
            "JOIN search_doc d ON d.id = m.doc_id ORDER BY d.id DESC"
        )
    else:
        kind_filter = " AND d.kind IN :kinds" if kinds else ""
        stmt = (
            f"SELECT {_COLUMNS} FROM ({ids}) m JOIN search_doc d ON d.id = m.doc_id "
            f"WHERE 1 = 1{kind_filter} ORDER BY d.id DESC LIMIT :limit OFFSET :offset"
        )
    params.update(limit=limit, offset=offset)
    sql = _kinds_sql(stmt, params, None if sqlite else kinds)
    return [DocRow(**row._mapping) for row in session.execute(sql, params)]


def count(
    session: Session, terms: Sequence[str], kinds: Sequence[str] | None = None, cap: int = COUNT_CAP
) -> int:
    """How many documents match, counted up to `cap` (a larger total is shown as "cap+")."""
    if not terms:
        return 0
    sqlite = _is_sqlite(session)
    ids, params, single = _matching_ids(terms, sqlite, kinds)
    if kinds and not sqlite:
        stmt = (
            f"SELECT count(*) FROM (SELECT 1 FROM ({ids}) m JOIN search_doc d ON d.id = m.doc_id "
            "WHERE d.kind IN :kinds LIMIT :cap) AS matched"
        )
    elif sqlite and not single:
        stmt = f"SELECT count(*) FROM ({ids} ORDER BY 1 DESC LIMIT :cap) AS matched"  # a merge
    else:
        stmt = f"SELECT count(*) FROM (SELECT 1 FROM ({ids}) m LIMIT :cap) AS matched"
    params["cap"] = cap
    sql = _kinds_sql(stmt, params, None if sqlite else kinds)
    return int(session.execute(sql, params).scalar_one())


def integrity_problems(session: Session) -> list[str]:
    """FTS5's own integrity checks, plus row counts that must agree."""
    if not _is_sqlite(session):
        return []
    problems: list[str] = []
    for table in ("search_fts_tri", "search_fts_bi"):
        try:
            session.execute(text(f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)"))
        except DatabaseError as exc:  # FTS5 reports a corrupt index as SQLITE_CORRUPT_VTAB
            problems.append(f"{table}: {exc}")
    return problems
