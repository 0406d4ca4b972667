"""Composing texts from the phrase banks: diaries, comments, pairing documents, talks.

Every function takes the caller's `random.Random` and a `Slots` mapping for the placeholders, so the
same seed gives the same text. Sentences are drawn without replacement inside one text, so a text never
repeats itself, and the mix of topics, slot values and lengths keeps texts apart from each other.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from cadre_desk.demo import diary_texts as dt_
from cadre_desk.demo import mentor_texts as mt
from cadre_desk.demo import talk_texts as tt
from cadre_desk.domain import vocab


class Slots(dict[str, object]):
    """Placeholder values; an unknown placeholder becomes empty rather than failing."""

    def __missing__(self, key: str) -> str:
        return ""


def fill(template: str, slots: Slots) -> str:
    return template.format_map(slots) if "{" in template else template


_SEASONS = {12: "winter", 1: "winter", 2: "winter", 3: "spring", 4: "spring", 5: "spring"}
_SEASONS |= {6: "summer", 7: "summer", 8: "summer", 9: "autumn", 10: "autumn", 11: "autumn"}
_CATEGORY_WEIGHTS = {"工作": 50, "学习": 18, "调研": 11, "思想": 14, "其他": 7}
_TOPICS_BY_CATEGORY = {c: [t for t in dt_.TOPICS if t.category == c] for c in vocab.DIARY_CATEGORIES}
_CATEGORIES = tuple(_CATEGORY_WEIGHTS)
_CATEGORY_CUM = tuple(sum(list(_CATEGORY_WEIGHTS.values())[: i + 1]) for i in range(len(_CATEGORIES)))
_ALL_DID = tuple((t, s) for t in dt_.TOPICS for s in t.did)
_ALL_LEARNED = tuple((t, s) for t in dt_.TOPICS for s in t.learned)
_TALK_WORK = tuple(s for _t, s in _ALL_DID if "我" not in s)
_TIMELESS = ("今天", "周末", "本周", "晚上", "下午", "上午", "这段", "不知不觉", "连续")


@dataclass(frozen=True)
class Diary:
    title: str
    category: str
    content: str
    topic: str  # the topic's label, for the mentor's comment


def numbers(rng: random.Random, slots: Slots) -> None:
    """Fresh numbers for one text."""
    slots["n_hh"] = rng.randint(8, 180)
    slots["n_p"] = rng.randint(5, 60)
    slots["n_item"] = rng.randint(3, 15)
    slots["n_km"] = rng.randint(2, 30)
    slots["n_pct"] = rng.randint(55, 98)
    slots["n_day"] = rng.randint(2, 7)
    slots["n_money"] = rng.randint(5, 480)


def _pick_topic(rng: random.Random, month: int) -> dt_.Topic:
    category = rng.choices(_CATEGORIES, cum_weights=_CATEGORY_CUM)[0]
    topics = _TOPICS_BY_CATEGORY[category]
    for _ in range(4):
        topic = rng.choice(topics)
        if not topic.months or month in topic.months:
            return topic
    return topic


def _listed(rng: random.Random, items: list[str], slots: Slots) -> str:
    """`一是……；二是……。` or plain sentences, at random."""
    if len(items) >= 2 and rng.random() < 0.55:
        body = "；".join(dt_.ORDINALS[i] + fill(s, slots).rstrip("。") for i, s in enumerate(items))
        return body + "。"
    return "".join(fill(s, slots) for s in items)


def diary(rng: random.Random, slots: Slots, month: int, target: int) -> Diary:
    """One entry of about `target` characters."""
    numbers(rng, slots)
    topic = _pick_topic(rng, month)
    slots["label"] = topic.label
    slots["weather"] = rng.choice(dt_.WEATHER[_SEASONS[month]])
    title = fill(rng.choice(topic.titles), slots)
    did = rng.sample(topic.did, len(topic.did))
    learned = rng.sample(topic.learned, len(topic.learned)) + rng.sample(dt_.GENERIC_LEARNED, 4)
    first = fill(rng.choice(dt_.OPENINGS), slots) + "".join(fill(s, slots) for s in did[:2])
    paragraphs = [first]
    size = len(first)
    if size < target:
        take = 1 if target < 300 else rng.randint(2, 3)
        text = fill(rng.choice(dt_.LEARN_INTROS), slots) + _listed(rng, learned[:take], slots)
        paragraphs.append(text)
        size += len(text)
        learned = learned[take:]
    if size < target and len(did) > 2:
        text = "".join(fill(s, slots) for s in did[2 : 2 + rng.randint(1, 3)])
        paragraphs.insert(1, text)
        size += len(text)
    if size < target:
        bad = rng.sample(dt_.SHORTCOMINGS, rng.randint(1, 3))
        good = rng.sample(dt_.IMPROVEMENTS, rng.randint(1, 3))
        text = (
            fill(rng.choice(dt_.SHORTCOMING_INTROS), slots)
            + _listed(rng, [s + "。" for s in bad], slots)
            + fill(rng.choice(dt_.IMPROVE_INTROS), slots)
            + "，".join(fill(s, slots) for s in good)
            + "。"
        )
        paragraphs.append(text)
        size += len(text)
    if size < target:
        # A longer entry: the rest of the week, topic by topic, without repeating a sentence.
        extra = [pair for pair in rng.sample(_ALL_DID, len(_ALL_DID)) if pair[0] is not topic]
        more = [s for t, s in rng.sample(_ALL_LEARNED, len(_ALL_LEARNED)) if t is not topic]
        days = list(dt_.DAY_NAMES)
        insert_at = len(paragraphs) - 1
        while size < target and (extra or more):
            numbers(rng, slots)
            if extra:
                other = extra[0][0]
                same = [pair for pair in extra[:12] if pair[0] is other][: rng.randint(1, 3)]
                for pair in same:
                    extra.remove(pair)
                lead = rng.choice(("此外，", "另外，", "", ""))
                if days and rng.random() < 0.5 and not same[0][1].startswith(_TIMELESS):
                    lead = days.pop(0) + "，"
                text = lead + "".join(fill(s, slots) for _t, s in same)
                if more and rng.random() < 0.5:
                    text += fill(more.pop(), slots)
            else:
                text = "".join(fill(s, slots) for s in more[:3])
                del more[:3]
            paragraphs.insert(insert_at, text)
            insert_at += 1
            size += len(text)
    closing = rng.choice(dt_.CLOSINGS)
    if closing:
        paragraphs[-1] += closing
    return Diary(title, topic.category, "\n".join(paragraphs), topic.label)


def comment(rng: random.Random, slots: Slots, label: str) -> str:
    """A mentor's comment of 50–300 characters: praise, advice, encouragement."""
    slots["label"] = label
    advice = rng.sample(mt.COMMENT_ADVICE, len(mt.COMMENT_ADVICE))
    parts = [rng.choice(mt.COMMENT_OPENERS), *rng.sample(mt.COMMENT_PRAISE, rng.randint(1, 2))]
    take = rng.randint(0, 2) if rng.random() < 0.8 else 3
    parts += advice[:take]
    text = "".join(fill(p, slots) for p in parts)
    for extra in advice[take:]:
        if len(text) >= 50:
            break
        text += fill(extra, slots)
    return text + rng.choice(mt.COMMENT_CLOSERS)


def goals(rng: random.Random, slots: Slots) -> str:
    numbers(rng, slots)
    items = rng.sample(mt.GOALS, rng.randint(3, 5))
    lines = [fill(rng.choice(mt.GOAL_INTROS), slots)]
    lines += [f"{i + 1}. {fill(s, slots)}" for i, s in enumerate(items)]
    return "\n".join(lines)


def plan(rng: random.Random, slots: Slots) -> str:
    months = int(str(slots["months"]))
    slots["mid"] = max(4, months * 2 // 3)
    slots["mid_next"] = max(5, months * 2 // 3 + 1)
    lines = [fill(rng.choice(mt.PLAN_INTROS), slots)]
    lines += [fill(s, slots) for s in mt.PLAN_STAGES]
    lines += [fill(s, slots) for s in rng.sample(mt.PLAN_ITEMS, rng.randint(2, 4))]
    return "\n".join(lines)


def record(rng: random.Random, slots: Slots, form: str) -> str:
    numbers(rng, slots)
    return fill(rng.choice(mt.RECORDS[form]), slots)


def evaluation(rng: random.Random, slots: Slots, grade: str) -> tuple[str, str, str]:
    """(mentor's evaluation, mentee's summary, the department's result) for a completed pairing."""
    numbers(rng, slots)
    return (
        fill(mt.EVALUATIONS[grade], slots),
        fill(rng.choice(mt.SUMMARIES), slots),
        mt.RESULTS[grade],
    )


def abort_reason(rng: random.Random) -> str:
    return rng.choice(mt.ABORT_REASONS)


@dataclass(frozen=True)
class TalkText:
    outline: str
    content: str
    statement: str
    follow_ups: tuple[str, ...]


def talk(rng: random.Random, slots: Slots, kind: str, target: int) -> TalkText:
    """The texts of one talk; `target` steers the length of the content."""
    bank = tt.BANKS[kind]
    numbers(rng, slots)
    slots["problem"] = rng.choice(tt.PROBLEMS)
    items = rng.sample(bank.outline, rng.randint(3, len(bank.outline)))
    outline = "\n".join(f"{i + 1}. {item}" for i, item in enumerate(items))
    opening = fill(rng.choice(bank.openings), slots)
    points = [fill(s, slots) for s in rng.sample(bank.points, rng.randint(3, len(bank.points)))]
    replies = [fill(s, slots) for s in rng.sample(bank.replies, rng.randint(1, min(3, len(bank.replies))))]
    paragraphs = [opening, "谈话主要内容：" + "".join(points), "".join(replies)]
    size = sum(len(p) for p in paragraphs)
    if size < target:
        if kind in ("提醒谈话", "诫勉谈话"):
            text = "".join(fill(x, slots) for x in rng.sample(tt.PROBLEM_DETAILS, rng.randint(2, 3)))
        else:
            text = f"{slots['name']}同志介绍了近期主要工作："
            for sentence in rng.sample(_TALK_WORK, 8):
                if size + len(text) >= target:
                    break
                text += fill(sentence, slots)
        paragraphs.insert(2, text)
        size += len(text)
    if size < target:
        closing = f"最后，{slots['leader']}强调，" + fill(rng.choice(bank.points), slots)
        paragraphs.append(closing)
    statement = fill(rng.choice(bank.statements), slots)
    actions = tuple(rng.sample(bank.follow_ups, rng.randint(1, min(2, len(bank.follow_ups)))))
    return TalkText(outline, "\n".join(paragraphs), statement, actions)


def place(rng: random.Random, slots: Slots) -> str:
    return fill(rng.choice(tt.PLACES), slots)


def class_name(rng: random.Random, slots: Slots) -> str:
    return fill(rng.choice(tt.CLASS_NAMES), slots)
