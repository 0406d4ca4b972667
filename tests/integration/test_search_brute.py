"""The full-text index against a brute-force scan, on random texts and random 1–5 character queries."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest
from sqlalchemy.orm import Session

from cadre_desk.db import search_index
from cadre_desk.db.engine import Database

# A small alphabet so that random queries have hits; punctuation and spaces split runs.
ALPHABET = "谈话工作组织部干部张王李学习调研乡镇aBc12" + "，。 、"


def _random_body(rng: random.Random) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 60)))


def _expected(docs: dict[int, tuple[str, str]], query: str, limit: int) -> list[int]:
    terms = search_index.terms_of(query)
    if not terms:
        return []
    hits = [ref for ref, (key, body) in docs.items() if search_index.matches(body, terms)]
    # Ordered like the index: sort_key descending, then document id descending (ref order here).
    return hits


def _found(db: Database, query: str, limit: int = 10_000) -> list[tuple[str, int]]:
    with db.read() as session:
        return [
            (row.sort_key, row.ref_id)
            for row in search_index.query(session, search_index.terms_of(query), limit=limit)
        ]


def _check_queries(db: Database, docs: dict[int, tuple[str, str]], rng: random.Random, rounds: int) -> None:
    bodies = [body for _key, body in docs.values() if body]
    for _ in range(rounds):
        if rng.random() < 0.5 and bodies:
            body = rng.choice(bodies)
            length = rng.randint(1, 5)
            start = rng.randint(0, max(0, len(body) - length))
            query = body[start : start + length]
        else:
            query = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 5)))
        expected = set(_expected(docs, query, 10_000))
        found = _found(db, query)
        assert {ref for _key, ref in found} == expected, f"query {query!r}"
        keys = [key for key, _ref in found]
        assert keys == sorted(keys, reverse=True), "hits must come newest first"
        with db.read() as session:
            assert search_index.count(session, search_index.terms_of(query)) == len(expected)


def test_index_matches_brute_force_through_inserts_updates_and_deletes(db: Database) -> None:
    rng = random.Random(20261124)
    docs: dict[int, tuple[str, str]] = {}
    with db.uow() as session:
        for ref in range(1, 401):
            key = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            body = _random_body(rng)
            docs[ref] = (key, body)
            search_index.put(session, "diary", ref, key, f"t{ref}", body)
    _check_queries(db, docs, rng, 150)

    with db.uow() as session:  # replace a third, remove a tenth
        for ref in rng.sample(sorted(docs), 130):
            key, _old = docs[ref]
            body = _random_body(rng)
            docs[ref] = (key, body)
            search_index.put(session, "diary", ref, key, f"t{ref}", body)
        for ref in rng.sample(sorted(docs), 40):
            del docs[ref]
            search_index.remove(session, "diary", ref)
    _check_queries(db, docs, rng, 150)
    with db.read() as session:
        assert search_index.integrity_problems(session) == []


def test_paging_and_kinds(db: Database) -> None:
    with db.uow() as session:
        for ref in range(1, 31):
            search_index.put(
                session, "talk" if ref % 2 else "diary", ref, f"2024-01-{ref:02d}", "", "谈话记录"
            )
    with db.read() as session:
        terms = search_index.terms_of("谈话")
        first = search_index.query(session, terms, limit=10)
        second = search_index.query(session, terms, limit=10, offset=10)
        talks = search_index.query(session, terms, kinds=["talk"], limit=100)
    assert [r.ref_id for r in first] == list(range(30, 20, -1))
    assert [r.ref_id for r in second] == list(range(20, 10, -1))
    assert {r.kind for r in talks} == {"talk"} and len(talks) == 15


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("谈话", ["谈话"]),
        ("  张三 组织部 ", ["张三", "组织部"]),
        ("谈话，记录", ["谈话", "记录"]),
        ("ZS", ["zs"]),
        ("!!!", []),
        ("a_b", ["a", "b"]),
    ],
)
def test_terms_of(query: str, terms: list[str]) -> None:
    assert search_index.terms_of(query) == terms


def test_bigrams_cover_every_character_run() -> None:
    assert search_index.bigrams("谈话记录，张") == "谈话 话记 记录 录 张"


def _plans(db: Database, run: Callable[[Session], object]) -> list[str]:
    """The query plans (EXPLAIN QUERY PLAN details) of every SELECT that `run` executes."""
    statements: list[str] = []
    with db.read() as session:
        raw = session.connection().connection.driver_connection
        raw.set_trace_callback(statements.append)
        try:
            run(session)
        finally:
            raw.set_trace_callback(None)
        plans = []
        for sql in statements:
            if sql.lstrip().upper().startswith("SELECT") and "search_doc" in sql:
                rows = raw.execute("EXPLAIN QUERY PLAN " + sql).fetchall()
                plans.append(" | ".join(str(r[3]) for r in rows))
    return plans


def test_kind_filter_matches_brute_force(db: Database) -> None:
    rng = random.Random(20261206)
    kinds = ("cadre", "diary", "comment", "talk", "mentorship")
    docs: dict[tuple[str, int], tuple[str, str]] = {}
    with db.uow() as session:
        for ref in range(1, 601):
            kind = rng.choice(kinds)
            key = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} {rng.randint(0, 23):02d}:00"
            body = _random_body(rng)
            docs[(kind, ref)] = (key, body)
            search_index.put(session, kind, ref, key, "", body)
    bodies = [body for _key, body in docs.values() if len(body) > 6]
    for _ in range(120):
        body = rng.choice(bodies)
        start = rng.randint(0, len(body) - 5)
        query = " ".join(body[start : start + rng.randint(1, 5)] for _ in range(rng.randint(1, 2)))
        wanted = rng.sample(kinds, rng.randint(1, 3))
        terms = search_index.terms_of(query)
        if not terms:
            continue
        expected = sorted(
            (
                (key, kind, ref)
                for (kind, ref), (key, b) in docs.items()
                if kind in wanted and search_index.matches(b, terms)
            ),
            reverse=True,
        )
        with db.read() as session:
            found = search_index.query(session, terms, kinds=wanted, limit=1000)
            page = search_index.query(session, terms, kinds=wanted, limit=7, offset=3)
            total = search_index.count(session, terms, kinds=wanted)
        assert {(r.kind, r.ref_id) for r in found} == {(k, r) for _key, k, r in expected}, query
        assert [r.sort_key for r in found] == sorted((r.sort_key for r in found), reverse=True)
        assert [(r.kind, r.ref_id) for r in page] == [(r.kind, r.ref_id) for r in found[3:10]]
        assert total == len(expected)


@pytest.mark.parametrize("query", ["乡村振兴", "谈话", "张", "乡村振兴 张"])
def test_kind_filter_merges_sorted_id_streams(db: Database, query: str) -> None:
    """A kind filter must not read a `search_doc` row (or probe FTS) per match: the ids of the kind
    (from the index) and the FTS rowids are merged as two sorted streams, and only the page is read."""
    with db.uow() as session:
        for ref in range(1, 60):
            search_index.put(session, "talk", ref, f"2024-01-{ref % 28 + 1:02d}", "", "乡村振兴 张 谈话")
        search_index.put(session, "diary", 1, "2023-05-01", "", "乡村振兴 张 谈话")
    terms = search_index.terms_of(query)

    def run(session: Session) -> None:
        assert [r.ref_id for r in search_index.query(session, terms, kinds=["diary"])] == [1]
        assert search_index.count(session, terms, kinds=["diary"]) == 1

    plans = _plans(db, run)
    assert len(plans) == 2, plans
    for plan in plans:
        assert "MERGE (INTERSECT)" in plan and "ix_search_doc_kind_id" in plan, plan
        assert "VIRTUAL TABLE INDEX 0:" not in plan, plan  # FTS re-run once per row
