"""The command line as maintainers and scripts use it: exit codes and what is printed."""

import io
import json
import os
import shutil

import pytest

from bot.cli import main
from bot.settings import PROJECT_ROOT
from bot.wording import DONT_KNOW, DONT_KNOW_SHORT, TOO_LITTLE

KNOWLEDGE = PROJECT_ROOT / "knowledge"


@pytest.fixture(autouse=True)
def no_token(monkeypatch):
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)


def test_ask_json_prints_one_object_with_the_documented_fields(capsys):
    assert main(["ask", "who led the russian delegation", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert set(payload) >= {"question", "answered", "answer", "confidence", "entry", "sources", "suggestions"}
    assert payload["answered"] is True
    assert "Medinsky" in payload["answer"]
    assert 0 <= payload["confidence"] <= 1
    assert {"id", "title", "outlet", "quote"} <= set(payload["sources"][0])


def test_ask_batch_from_stdin_keeps_order(capsys, monkeypatch):
    stdin = io.TextIOWrapper(io.BytesIO(b"who is erdogan\n\nwhat is the capital of peru\nmedinski\n"))
    monkeypatch.setattr("sys.stdin", stdin)
    assert main(["ask", "--json", "--batch", "-"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["question"] for line in lines] == [
        "who is erdogan",
        "",
        "what is the capital of peru",
        "medinski",
    ]
    assert [line["answered"] for line in lines] == [True, False, False, True]
    assert lines[2]["answer"] is None and lines[2]["entry"] is None


SEPARATORS = ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029", "\r"]


@pytest.mark.parametrize("source", ["file", "stdin"])
def test_ask_json_batch_gives_exactly_one_object_per_input_line(capsys, monkeypatch, tmp_path, source):
    questions = [f"who is erdogan{sep}medinski" for sep in SEPARATORS] + ["", "   ", "medinski\r"]
    data = "\n".join(questions).encode() + b"\n"
    if source == "file":
        (tmp_path / "q.txt").write_bytes(data)
        argv = ["ask", "--json", "--batch", str(tmp_path / "q.txt")]
    else:
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
        argv = ["ask", "--json", "--batch", "-"]
    assert main(argv) == 0
    objects = [json.loads(line) for line in capsys.readouterr().out.split("\n") if line]
    assert len(objects) == data.count(b"\n") == len(questions)
    assert all("erdogan" in o["question"] and "medinski" in o["question"] for o in objects[: len(SEPARATORS)])
    assert [o["answered"] for o in objects[-3:]] == [False, False, True]


def test_ask_readable_shows_sources_and_quotes(capsys):
    assert main(["ask", "how many prisoners were exchanged in september 2022"]) == 0
    out = capsys.readouterr().out
    assert "Sources:" in out and "“" in out and "215" in out


def test_ask_unknown_says_so(capsys):
    assert main(["ask", "any decent kebab places in istanbul?"]) == 0
    assert DONT_KNOW in capsys.readouterr().out


def test_kb_check_ok_and_broken(tmp_path, capsys):
    assert main(["kb", "check"]) == 0
    assert capsys.readouterr().out.startswith("OK:")
    broken = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, broken)
    (broken / "people.yaml").write_text((broken / "people.yaml").read_text().replace("side:", "sidee:", 1))
    assert main(["--knowledge", str(broken), "kb", "check"]) == 1
    out = capsys.readouterr().out
    assert "knowledge/people.yaml:" in out and "unknown field" in out and "would be refused" in out


def test_a_broken_fact_base_is_refused_with_a_clear_error(tmp_path, capsys):
    broken = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, broken)
    (broken / "sources.yaml").write_text("sources: [")
    assert main(["--knowledge", str(broken), "ask", "who is putin"]) == 2
    err = capsys.readouterr().err
    assert "knowledge/sources.yaml:" in err and "kb check" in err


def test_kb_stats(capsys):
    assert main(["kb", "stats"]) == 0
    out = capsys.readouterr().out
    assert "entries" in out and "trt-last-chance-for-peace" in out


def test_eval_exits_non_zero_below_the_floor(tmp_path, capsys):
    questions = tmp_path / "q.yaml"
    questions.write_text(
        "- {q: who led the russian delegation, any: [Medinsky], kind: direct}\n"
        "- {q: what is the weather in istanbul, abstain: true, kind: unrelated}\n"
        "- {q: who led the russian delegation, any: [Napoleon], kind: direct}\n"
    )
    assert main(["eval", str(questions), "--min-answerable", "0.5", "--min-abstain", "1"]) == 0
    assert main(["eval", str(questions), "--min-answerable", "0.9"]) == 1
    out = capsys.readouterr().out
    assert "answerable: 50.0%" in out and "abstain:    100.0%" in out


def test_ask_after_reads_the_question_as_a_follow_up(capsys):
    assert (
        main(["ask", "--after", "who is denis denisov?", "what did he say about türkiye's role?", "--json"])
        == 0
    )
    payload = json.loads(capsys.readouterr().out)
    assert payload["answered"] is True
    assert "mediator" in payload["answer"]
    assert payload["question"] == "what did he say about türkiye's role?"


def test_ask_after_with_explain_says_how_context_was_used(capsys):
    argv = ["ask", "--after", "where did putin and zelensky last meet in person?", "when was that?"]
    assert main([*argv, "--json", "--explain"]) == 0
    explanation = json.loads(capsys.readouterr().out)["explanation"]
    assert explanation["read_as"] and "putin" in explanation["read_as"].lower()
    assert explanation["context"].startswith("read in context of 'where did putin")


def test_the_console_keeps_context_until_told_to_start_afresh(capsys, monkeypatch):
    follow_up = "what did he say about türkiye's role?"
    script = f"who is denis denisov?\n{follow_up}\nnew\n{follow_up}\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(script))
    assert main(["chat"]) == 0
    out = capsys.readouterr().out
    assert "type `new` to start a fresh conversation" in out
    follow_up, fresh = out.split("(new conversation", 1)
    assert "(read as: what did Denisov say about türkiye's role?)" in follow_up
    assert "read as" not in fresh


def _turns(out: str) -> list[str]:
    """The console's output split at each prompt echo: one chunk per question."""
    return out.split("\n? ")[1:]


def test_the_console_lets_a_question_that_stands_alone_replace_the_context(capsys, monkeypatch):
    script = "who led russia's delegation?\nwhat is the capital of france?\nwhere do penguins live?\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(script))
    assert main(["chat"]) == 0
    france, penguins = _turns(capsys.readouterr().out)[-2:]
    assert france.startswith("what is the capital of france?") and DONT_KNOW in france
    assert penguins.startswith("where do penguins live?") and DONT_KNOW in penguins
    assert "read as" not in france and "read as" not in penguins, "unrelated questions kept old words"


def test_the_console_context_is_the_last_exchange_not_a_pile_of_turns(capsys, monkeypatch):
    turns = ["who led russia's delegation?", "and ukraine's?", "who else was there?", "when was that?"]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(turns) + "\n"))
    assert main(["chat"]) == 0
    read = [line for line in capsys.readouterr().out.splitlines() if line.startswith("(read as: ")]
    assert read, "the follow-ups were read in context"
    assert all(len(line) < 160 for line in read), read
    assert "medinsky" not in read[-1].lower() and "russia" not in read[-1].lower(), read[-1]


def test_the_reading_shown_is_clean_of_filler_and_mentions(capsys):
    follow_up = "lol ok so <@123456789> and ukraine's? :flag_ua:"
    assert main(["ask", "--after", "who was on russia's delegation in istanbul?", follow_up]) == 0
    out = capsys.readouterr().out
    read = next(line for line in out.splitlines() if line.startswith("(read as: "))
    for noise in ("lol", "ok so", "123456789", "<@", "flag"):
        assert noise not in read, read
    assert "ukraine" in read.lower()
    assert "Umerov" in out


def test_the_console_picks_up_edits_and_says_so(kb, capsys, monkeypatch):
    """Like the bot: a valid edit is served at the next question, a broken one is refused aloud."""
    talks = kb / "entries" / "talks.yaml"
    stamp = talks.stat().st_mtime_ns

    def save(text: str) -> None:
        nonlocal stamp
        talks.write_text(text)
        stamp += 10**9  # a later modification time, whatever the file system's resolution
        os.utime(talks, ns=(stamp, stamp))

    original = talks.read_text()
    edits = {
        2: lambda: save(
            original.replace("met in Istanbul on Thursday.\n", "met in Istanbul, on Thursday.\n")
        ),
        3: lambda: save(original.replace("    answer: Vladimir", "    answr: Vladimir")),
    }
    asked = iter(["where did the delegations meet"] * 3)
    calls = 0

    def fake_input(prompt: str = "") -> str:
        nonlocal calls
        calls += 1
        edits.get(calls, lambda: None)()
        question = next(asked, None)
        if question is None:
            raise EOFError
        return question

    monkeypatch.setattr("builtins.input", fake_input)
    assert main(["--knowledge", str(kb), "chat"]) == 0
    out = capsys.readouterr().out
    first, second, third = out.split("? where did the delegations meet")[1:]
    assert "met in Istanbul on Thursday" in first and "fact base" not in first
    assert "(fact base reloaded: version" in second and "met in Istanbul, on Thursday" in second
    assert "(your edit to the fact base was refused: 1 problem; still answering from version" in third
    assert (
        "knowledge/entries/talks.yaml:6: entries[0].answr (entry 'who-led-russia'): unknown field `answr:` "
        "— did you mean `answer:`?"
    ) in third
    assert "met in Istanbul, on Thursday" in third


def test_kb_check_says_when_the_decision_was_fitted_on_another_version(kb, capsys):
    assert main(["--knowledge", str(kb), "kb", "check"]) == 0
    assert "run `python -m bot calibrate`" in capsys.readouterr().out
    questions = kb.parent / "q.yaml"
    questions.write_text(
        '- {q: "who was in charge of the russian delegation", any: [Medinsky]}\n'
        '- {q: "where did the two delegations meet up", any: [Istanbul]}\n'
        '- {q: "who led the french delegation", abstain: true}\n'
    )
    assert main(["--knowledge", str(kb), "calibrate", str(questions)]) == 0
    capsys.readouterr()
    assert main(["--knowledge", str(kb), "kb", "check"]) == 0
    assert "calibrate" not in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["ask", "--batch", "/no/such/questions.txt"], "/no/such/questions.txt: No such file or directory"),
        (["eval", "/no/such/set.yaml"], "/no/such/set.yaml: No such file or directory"),
        (["calibrate", "/no/such/set.yaml"], "/no/such/set.yaml: No such file or directory"),
    ],
)
def test_a_missing_file_is_one_line_not_a_traceback(argv, says, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_knowledge_may_follow_the_command(kb, capsys):
    assert main(["kb", "check", "--knowledge", str(kb)]) == 0
    assert "OK: 2 entries" in capsys.readouterr().out


def test_ask_takes_a_question_or_a_batch_not_both(tmp_path, capsys):
    batch = tmp_path / "q.txt"
    batch.write_text("who is rubio\n")
    assert main(["ask", "who is rubio", "--batch", str(batch)]) == 2
    assert "one of them" in capsys.readouterr().err


def test_ask_reads_an_unquoted_question_as_one(capsys):
    """`ask who is putin` used to fail with 'unrecognized arguments: is putin' and the top-level usage."""
    assert main(["ask", "who", "led", "the", "russian", "delegation", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["question"] == "who led the russian delegation" and "Medinsky" in payload["answer"]


def test_ask_with_an_empty_question_says_so(capsys):
    assert main(["ask", "  "]) == 2
    assert capsys.readouterr().err == "ask: the question is empty; write one, e.g. ask 'who led the talks?'\n"


def test_a_broken_fact_base_at_start_lists_its_problems_and_how_to_recheck_that_folder(kb, capsys):
    (kb / "people.yaml").write_text((kb / "people.yaml").read_text().replace("side: Russia", "sied: Russia"))
    assert main(["--knowledge", str(kb), "chat"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "1 problem in the fact base:"
    assert err[1].startswith(
        "knowledge/people.yaml:6: people[0].sied (person 'vladimir-medinsky'): unknown field"
    )
    assert err[2] == f"Fix it first; `python -m bot kb check --knowledge {kb}` checks again."


def test_kb_check_of_a_folder_that_does_not_exist(tmp_path, capsys):
    assert main(["kb", "check", "--knowledge", str(tmp_path / "nope")]) == 1
    assert capsys.readouterr().out.splitlines()[0] == f"{tmp_path / 'nope'}: no such folder: nothing to load"


def test_help_says_what_the_product_is_and_what_no_command_does(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "Answers questions about the 2025 Russia–Ukraine peace talks in Istanbul" in text
    assert "the Discord bot when DISCORD_TOKEN is set, otherwise the console (chat)" in text
    assert "--knowledge DIR the fact-base folder (default: KNOWLEDGE_DIR, or the bundled knowledge/)" in text


def test_an_abstention_with_a_reason_says_i_dont_know_then_the_reason(capsys):
    """Not "…the articles don't cover that" followed by a note saying what they do cover."""
    assert main(["ask", "who led ukraine's delegation in 2022?"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(DONT_KNOW_SHORT) and DONT_KNOW not in out
    assert "March 2022" in out


def test_too_little_to_go_on_is_the_whole_reply(capsys):
    assert main(["ask", "lol"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(TOO_LITTLE.split("—")[0]) and DONT_KNOW_SHORT not in out


def test_kb_gaps_on_a_path_with_no_database_creates_nothing(tmp_path, monkeypatch, capsys):
    missing = tmp_path / "typo" / "bot.sqlite3"
    monkeypatch.setenv("DATABASE_URL", str(missing))
    assert main(["kb", "gaps"]) == 0
    assert "No database at" in capsys.readouterr().out
    assert not (tmp_path / "typo").exists()


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("- q: who is rubio\n  anyy: [Rubio]\n", "item 1: unknown key `anyy:`"),
        ('- q: "who is rubio\n  any: [Rubio]\n', "not valid YAML"),
    ],
)
def test_a_broken_question_set_is_named_precisely(tmp_path, capsys, text, said):
    path = tmp_path / "set.yaml"
    path.write_text(text)
    assert main(["eval", str(path)]) != 0
    err = capsys.readouterr().err
    assert str(path) in err and said in err and "Extra inputs" not in err
