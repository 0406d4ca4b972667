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

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import bindparam, text
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

_RUN = re.compile(r"[^\W_]+")


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


def put(session: Session, kind: str, ref_id: int, sort_key: str, title: str, body: str) -> None:
    """Add or replace the document of one record."""
    old = session.execute(
        text("SELECT id, body FROM search_doc WHERE kind = :kind AND ref_id = :ref"),
        {"kind": kind, "ref": ref_id},
    ).first()
    sqlite = _is_sqlite(session)
    if old is not None:
        if old.body == body:
            session.execute(
                text("UPDATE search_doc SET sort_key = :s, title = :t WHERE id = :id"),
                {"s": sort_key, "t": title, "id": old.id},
            )
            return
        if sqlite:
            _fts_delete(session, old.id, old.body)
        session.execute(
            text("UPDATE search_doc SET sort_key = :s, title = :t, body = :b WHERE id = :id"),
            {"s": sort_key, "t": title, "b": body, "id": old.id},
        )
        doc_id = old.id
    else:
        doc_id = session.execute(
            text(
                "INSERT INTO search_doc(kind, ref_id, sort_key, title, body) "
                "VALUES (:k, :r, :s, :t, :b) RETURNING id"
            ),
            {"k": kind, "r": ref_id, "s": sort_key, "t": title, "b": body},
        ).scalar_one()
    if sqlite:
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


def bulk_put(session: Session, docs: Iterable[tuple[str, int, str, str, str]]) -> int:
    """Insert many new documents (kind, ref_id, sort_key, title, body); the caller knows none exist."""
    sqlite = _is_sqlite(session)
    raw = session.connection().connection.dbapi_connection if sqlite else None
    count = 0
    batch: list[tuple[str, int, str, str, str]] = []

    def flush() -> None:
        if not batch:
            return
        if raw is not None:
            cur = raw.cursor()
            start = cur.execute("SELECT coalesce(max(id), 0) FROM search_doc").fetchone()[0] + 1
            rows = [(start + i, *doc) for i, doc in enumerate(batch)]
            cur.executemany(
                "INSERT INTO search_doc(id, kind, ref_id, sort_key, title, body) VALUES (?, ?, ?, ?, ?, ?)",
                rows,
            )
            cur.executemany(
                "INSERT INTO search_fts_tri(rowid, body) VALUES (?, ?)", [(r[0], r[5]) for r in rows]
            )
            cur.executemany(
                "INSERT INTO search_fts_bi(rowid, grams) VALUES (?, ?)", [(r[0], bigrams(r[5])) for r in rows]
            )
        else:
            session.execute(
                text(
                    "INSERT INTO search_doc(kind, ref_id, sort_key, title, body) VALUES (:k, :r, :s, :t, :b)"
                ),
                [{"k": k, "r": r, "s": s, "t": t, "b": b} for k, r, s, t, b in batch],
            )
        batch.clear()

    for doc in docs:
        batch.append(doc)
        count += 1
        if len(batch) >= 2000:
            flush()
    flush()
    return count


def _match_clauses(terms: Sequence[str], sqlite: bool) -> tuple[list[str], dict[str, object]]:
    clauses: list[str] = []
    params: dict[str, object] = {}
    if sqlite:
        long_terms = [t for t in terms if len(t) >= 3]
        short_terms = [t for t in terms if len(t) < 3]
        if long_terms:
            params["tri"] = " AND ".join(_quote(t) for t in long_terms)
            clauses.append("d.id IN (SELECT rowid FROM search_fts_tri WHERE search_fts_tri MATCH :tri)")
        if short_terms:
            params["bi"] = " AND ".join(_quote(t) + ("*" if len(t) == 1 else "") for t in short_terms)
            clauses.append("d.id IN (SELECT rowid FROM search_fts_bi WHERE search_fts_bi MATCH :bi)")
    else:
        for i, term in enumerate(terms):
            params[f"t{i}"] = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            clauses.append(f"lower(d.body) LIKE :t{i} ESCAPE '\\'")
    return clauses, params


def query(
    session: Session,
    terms: Sequence[str],
    kinds: Sequence[str] | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[DocRow]:
    """Documents matching every term, newest first (sort_key, then id, descending)."""
    if not terms:
        return []
    clauses, params = _match_clauses(terms, _is_sqlite(session))
    stmt = (
        "SELECT d.id, d.kind, d.ref_id, d.sort_key, d.title, d.body FROM search_doc d WHERE "
        + " AND ".join(clauses)
    )
    if kinds:
        stmt += " AND d.kind IN :kinds"
        params["kinds"] = list(kinds)
    stmt += " ORDER BY d.sort_key DESC, d.id DESC LIMIT :limit OFFSET :offset"
    params.update(limit=limit, offset=offset)
    sql = text(stmt)
    if kinds:
        sql = sql.bindparams(bindparam("kinds", expanding=True))
    return [DocRow(**row._mapping) for row in session.execute(sql, params)]


def count(
    session: Session, terms: Sequence[str], kinds: Sequence[str] | None = None, cap: int = 100_000
) -> int:
    if not terms:
        return 0
    clauses, params = _match_clauses(terms, _is_sqlite(session))
    stmt = "SELECT count(*) FROM (SELECT 1 FROM search_doc d WHERE " + " AND ".join(clauses)
    if kinds:
        stmt += " AND d.kind IN :kinds"
        params["kinds"] = list(kinds)
    stmt += " LIMIT :cap) AS matched"
    params["cap"] = cap
    sql = text(stmt)
    if kinds:
        sql = sql.bindparams(bindparam("kinds", expanding=True))
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
