"""Known gaps: questions the articles do not answer get an honest 'I don't know' with the reason."""

from bot.engine import Engine
from bot.factbase import check_factbase, load_factbase

GAPS = """\
unanswerable:
  - id: russian-delegation-hotel
    questions:
      - Which hotel did the Russian delegation stay in?
      - russian team hotel
    note: The article says where the talks were, not where anyone stayed.
"""


def test_a_known_gap_is_answered_with_i_dont_know_and_its_reason(kb):
    (kb / "unanswerable.yaml").write_text(GAPS)
    engine = Engine(load_factbase(kb))
    answer = engine.answer("what hotel was the russian delegation staying in")
    assert not answer.answered
    assert answer.notice == "The article says where the talks were, not where anyone stayed."
    assert all(s.kind != "gap" for s in answer.suggestions)
    assert engine.answer("who led the russian delegation").answered


def test_a_gap_may_not_reuse_an_entry_phrasing(kb):
    (kb / "unanswerable.yaml").write_text(GAPS.replace("russian team hotel", "head of the russian team"))
    _, problems = check_factbase(kb)
    assert [str(p) for p in problems] == [
        "knowledge/unanswerable.yaml:5: unanswerable[0].questions[1] (gap 'russian-delegation-hotel'): "
        "phrasing 'head of the russian team' is already used by 'who-led-russia' "
        "(knowledge/entries/talks.yaml:5)"
    ]
