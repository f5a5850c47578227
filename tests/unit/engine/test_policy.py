"""`policy.decide` on its own: one state, one classified turn, one move, and the rule behind it."""

from __future__ import annotations

import pytest

from interviewer.domain.session import SessionState
from interviewer.engine.classify import Classification
from interviewer.engine.policy import OPENERS, PolicyConfig, decide
from interviewer.engine.wording import ADVANCE_LEADS, OPENERS_AGAIN
from interviewer.text import normalise


@pytest.fixture
def case(knowledge):
    return knowledge.cases["video-recommendation"]


def state_at(phase: str, **fields) -> SessionState:
    return SessionState(phase=phase, visited=["intro", phase], **fields)


def move_for(case, state, kind="answer", text="", *, facts=(), new_hits=(), time_up=False, over=False,
             declined=False, config=None):
    return decide(case, state, Classification(kind, declined=declined), text, facts=list(facts),
                  new_hits=list(new_hits), time_up=time_up, interview_over=over, config=config or PolicyConfig())


def test_an_empty_turn_is_nudged_with_the_question_on_the_table_in_other_words(case):
    kp = case.key_points("data")[0]
    move = move_for(case, state_at("data", last_question=kp.ask), "empty")
    assert move.kind == "nudge" and move.draft.endswith(kp.again) and kp.again != kp.ask
    opener = move_for(case, state_at("data", last_question=OPENERS["data"]), "empty")
    assert opener.question == OPENERS_AGAIN["data"]


def test_a_clarifying_question_gets_the_facts_or_an_assumption(case):
    state = state_at("clarify")
    users = case.fact("users")
    answered = move_for(case, state, "clarifying_question", "How many users?", facts=[users])
    assert answered.kind == "answer_fact" and answered.fact_keys == ["users"]
    assert answered.draft.startswith(users.text[:1].upper())
    assumed = move_for(case, state, "clarifying_question", "What colour is the logo?")
    assert assumed.kind == "assume" and not any(ch.isdigit() for ch in assumed.draft)


def test_a_model_choice_before_requirements_is_redirected_once(case):
    state = state_at("clarify")
    first = move_for(case, state, "answer", "I'd use a two-tower model with XGBoost on top.")
    assert first.kind == "redirect"
    state.redirected = True
    again = move_for(case, state, "answer", "I'd use a two-tower model with XGBoost on top.")
    assert again.kind != "redirect"


def test_a_question_about_the_model_running_today_is_not_redirected_as_a_model_choice(case):
    state = state_at("clarify")
    choice = move_for(case, state, "clarifying_question", "Should I just use XGBoost here?")
    assert choice.kind == "redirect"
    today = move_for(case, state, "clarifying_question", "What's the recall of the current logistic regression model?")
    assert today.kind == "assume"


def test_asking_to_move_on_advances_to_the_next_step_with_its_opener(case):
    move = move_for(case, state_at("frame"), "move_on", "Let's move on.")
    assert move.kind == "advance" and move.next_phase == "data"
    assert move.question == OPENERS["data"] and move.draft.startswith("Sure, let's move on.")


def test_the_last_step_wraps_up_and_a_finished_interview_closes(case):
    assert move_for(case, state_at("monitoring"), "move_on").next_phase == "wrapup"
    # out of time before the last step: one quick question on monitoring first, then the wrap-up
    last = move_for(case, state_at("frame"), over=True)
    assert last.kind == "advance" and last.next_phase == "monitoring" and "last question" in last.draft
    assert move_for(case, state_at("monitoring"), over=True).kind == "wrap_up"
    visited = SessionState(phase="serving", visited=["intro", "monitoring", "serving"])
    assert move_for(case, visited, over=True).kind == "wrap_up"
    assert move_for(case, state_at("wrapup")).kind == "close"


def test_a_hint_names_the_first_uncovered_point_and_not_a_covered_one(case):
    points = case.key_points("clarify")
    state = state_at("clarify")
    state.progress("clarify").covered[points[0].id] = 1
    move = move_for(case, state, "hint_request", "Can I get a hint?")
    assert move.kind == "hint" and move.key_point_id == points[1].id


def test_off_topic_is_steered_back_to_the_question_never_to_an_assumption(case):
    kp = case.key_points("features")[1]
    move = move_for(case, state_at("features", last_question=kp.ask), "off_topic", "Nice weather.")
    assert move.kind == "steer_back" and move.draft.endswith(kp.again) and "assum" not in move.draft.lower()


def test_time_up_moves_on_once_the_step_has_had_a_second_answer(case):
    state = state_at("features")
    state.progress("features").candidate_turns = 1
    first = move_for(case, state, "answer", "Some thoughts on features.", time_up=True)
    assert first.kind in ("follow_up", "probe")  # one long answer used the budget: it still gets a question
    state.progress("features").candidate_turns = 2
    move = move_for(case, state, "answer", "Some thoughts on features.", time_up=True)
    assert move.kind == "advance" and move.next_phase == "model"
    # the step ran over its share but the interview is on track: no "in the interest of time"
    assert not any(lead in move.draft for lead in ADVANCE_LEADS["time"])
    behind = decide(case, state, Classification("answer"), "Some thoughts on features.", facts=[], new_hits=[],
                    time_up=True, interview_over=False, behind=True)
    assert behind.kind == "advance" and any(lead in behind.draft for lead in ADVANCE_LEADS["time"])


def test_enough_coverage_advances_and_too_little_follows_up(case):
    points = case.key_points("data")
    state = state_at("data")
    progress = state.progress("data")
    progress.candidate_turns = 1
    for kp in points[: len(points) // 2]:
        progress.covered[kp.id] = 1
    follow = move_for(case, state, "answer", "We log impressions.")
    assert follow.kind == "follow_up" and follow.key_point_id not in progress.covered
    for kp in points:
        progress.covered[kp.id] = 1
    # everything covered in one answer: one question on the candidate's own answer, then on
    deeper = move_for(case, state, "answer", "We log impressions.")
    assert deeper.kind == "deepen" and deeper.question in case.steps["data"].deeper  # the case's own question
    state.asked.extend(normalise(q) for q in case.steps["data"].deeper)
    spent = move_for(case, state, "answer", "We log impressions.")
    assert spent.kind == "deepen" and spent.question not in case.steps["data"].deeper  # then one any case gets
    progress.candidate_turns = 2
    assert move_for(case, state, "answer", "We log impressions.").kind == "advance"


def test_a_trigger_word_probes_its_trade_off_once_and_never_twice(case):
    probe = next(p for p in case.probes if p.step == "model")
    state = state_at("model")
    move = move_for(case, state, "answer", f"I would go with {probe.triggers[0]} here.")
    assert move.kind == "probe" and move.probe_id == probe.id
    state.progress("model").probes.append(probe.id)
    state.asked.append(normalise(probe.question))
    assert move_for(case, state, "answer", f"I would go with {probe.triggers[0]} here.").kind != "probe"


def test_follow_ups_stop_at_the_limit_and_the_step_moves_on(case):
    state = state_at("features")
    progress = state.progress("features")
    progress.candidate_turns = 2
    progress.followups = [kp.id for kp in case.key_points("features")[:2]]
    move = move_for(case, state, "answer", "Nothing more to add.", config=PolicyConfig(max_followups=2))
    assert move.kind == "advance" and move.next_phase == "model"


def test_a_declined_question_is_not_probed_and_gets_a_gentle_follow_up(case):
    move = move_for(case, state_at("frame"), "answer", "I don't know", declined=True)
    assert move.kind == "follow_up" and move.draft.startswith("No problem.")


def test_asking_to_rephrase_gets_the_same_question_in_other_words(case):
    kp = case.key_points("data")[1]
    move = move_for(case, state_at("data", last_question=kp.ask, last_item=kp.id), "rephrase_request",
                    "Sorry, can you rephrase that?")
    assert move.kind == "rephrase" and move.question == kp.again and kp.ask not in move.draft


def test_a_second_rephrase_in_a_row_gets_an_easier_piece_not_the_first_wording_again(case):
    kp = next(k for k in case.key_points("data") if k.smaller and k.again)
    state = state_at("data", last_question=kp.again, last_again=kp.ask, last_item=kp.id, last_move="rephrase")
    move = move_for(case, state, "rephrase_request", "Could you say that another way?")
    assert move.kind == "narrow" and move.question == kp.smaller and kp.ask not in move.draft


def test_a_second_rephrase_of_a_steps_opening_question_gets_the_easier_part_of_its_first_open_point(case):
    first = next(k for k in case.key_points("data") if k.smaller)
    state = state_at("data", last_question=OPENERS_AGAIN["data"], last_item="", last_move="rephrase")
    move = move_for(case, state, "rephrase_request", "Could you say that another way?")
    assert move.kind == "narrow" and move.question == first.smaller and OPENERS["data"] not in move.draft


def test_asking_the_interviewers_opinion_is_turned_back_without_an_assumption(case):
    move = move_for(case, state_at("model"), "opinion_request", "What would you pick, GBDT or a deep model?")
    assert move.kind == "turn_back" and "you" in move.draft and "?" in move.draft
    assert "assum" not in move.draft.lower()


def test_a_wrap_up_request_ends_the_interview_from_any_step(case):
    move = move_for(case, state_at("features", last_question=OPENERS["features"]), "wrap_up_request",
                    "That covers my design, happy to go deeper.")
    assert move.kind == "wrap_up" and move.next_phase == "wrapup" and OPENERS["features"] not in move.draft


def test_a_wrong_figure_is_corrected_before_the_next_question(case):
    latency = case.fact("latency").text.split(".")[0] + "."
    move = decide(case, state_at("serving"), Classification("answer"), "We have a 50 ms budget.", facts=[],
                  new_hits=[], time_up=False, interview_over=False, correction=latency)
    assert move.corrected and latency in move.draft and move.draft.index(latency) < len(move.draft) - 20
    # a wrong figure asked as a question is answered by the correction, never with "assume a value"
    asked = decide(case, state_at("serving"), Classification("clarifying_question"), "The budget is 400 ms, right?",
                   facts=[], new_hits=[], time_up=False, interview_over=False, correction=latency)
    assert asked.corrected and latency in asked.draft and "assum" not in asked.draft.lower() and "?" in asked.draft


def test_a_point_made_in_an_earlier_step_is_never_asked_for_and_is_acknowledged_on_arrival(case):
    frame = case.key_points("frame")
    state = state_at("clarify")
    state.progress("clarify").candidate_turns = 2
    state.progress("frame").covered[frame[0].id] = 3  # said while clarifying, matched by embeddings only
    move = move_for(case, state, "move_on", "Let's move on.")
    assert move.next_phase == "frame" and move.question != frame[0].ask and "ML" in move.draft
    assert move.key_point_id and move.key_point_id != frame[0].id
    assert frame[0].title.lower()[:12] not in move.draft.lower()  # a key point's title is never named back
    assert "already" not in move.draft
    # the candidate's own term for it, from the turn that made the point, is
    recalled = decide(case, state, Classification("move_on"), "Let's move on.", facts=[], new_hits=[],
                      time_up=False, interview_over=False, earlier="pointwise CTR")
    assert "You already mentioned pointwise CTR earlier." in recalled.draft and recalled.recalled == "pointwise CTR"


def test_coverage_from_one_thin_answer_gets_a_question_before_moving_on(case):
    state = state_at("data")
    progress = state.progress("data")
    progress.candidate_turns = 1
    for kp in case.key_points("data")[:-1]:
        progress.covered[kp.id] = 1
    assert move_for(case, state, "answer", "Logs, labels, splits by time.").kind in ("follow_up", "probe")
    progress.candidate_turns = 2
    move = decide(case, state, Classification("answer"), "More on data.", facts=[], new_hits=[], time_up=False,
                  interview_over=False, step_words=200)
    assert move.kind == "advance"


def test_retrieval_picks_the_retrieved_item_that_can_still_be_asked(case):
    data = case.key_points("data")
    state = state_at("data")
    state.progress("data").covered[data[0].id] = 1
    related = [f"kp:{data[0].id}", "probe:not-a-probe", f"kp:{data[2].id}", f"kp:{data[1].id}"]
    move = decide(case, state, Classification("answer"), "Some answer.", facts=[], new_hits=[], time_up=False,
                  interview_over=False, related=related)
    assert move.kind == "follow_up" and move.key_point_id == data[2].id


def test_transitions_vary_and_name_the_step_properly(case):
    state = state_at("clarify")
    drafts = []
    for _ in range(3):
        drafts.append(move_for(case, state, "move_on", "Next.").draft)
        state.move_counts["advance"] = state.move_counts.get("advance", 0) + 1
    assert len(set(drafts)) == 3 and all("ML problem" in d for d in drafts)


def test_a_point_the_answer_came_near_is_not_asked_for_and_a_probe_needs_its_subject_named(case):
    data = case.key_points("data")
    state = state_at("data", mentioned=[data[0].id])
    related = [f"kp:{data[0].id}", f"kp:{data[1].id}"]
    move = decide(case, state, Classification("answer"), "Some answer.", facts=[], new_hits=[], time_up=False,
                  interview_over=False, related=related)
    assert move.kind == "follow_up" and move.key_point_id == data[1].id
    probe = next(p for p in case.probes if p.step == "model")
    related = [f"probe:{probe.id}"]
    unnamed = decide(case, state_at("model"), Classification("answer"), "I would train something sensible.",
                     facts=[], new_hits=[], time_up=False, interview_over=False, related=related)
    assert unnamed.kind != "probe"
    named = decide(case, state_at("model"), Classification("answer"), f"I would use {probe.triggers[0]}.",
                   facts=[], new_hits=[], time_up=False, interview_over=False, related=related)
    assert named.kind == "probe" and named.probe_id == probe.id


def test_the_candidates_term_is_named_back_before_the_next_question_and_never_after_a_decline(case):
    state = state_at("data")
    heard = decide(case, state, Classification("answer"), "We split by time.", facts=[], new_hits=[],
                   time_up=False, interview_over=False, echo="split by time")
    assert heard.kind in ("follow_up", "probe", "deepen")
    assert heard.draft.startswith("You mentioned split by time.") and heard.echoed == "split by time"
    assert heard.question and heard.draft.endswith(heard.question)
    state.move_counts["echo"] = 1
    second = decide(case, state, Classification("answer"), "We split by time.", facts=[], new_hits=[],
                    time_up=False, interview_over=False, echo="split by time")
    assert second.draft.startswith("Noted: split by time.")
    declined = decide(case, state_at("data"), Classification("answer", declined=True), "No idea, sorry.", facts=[],
                      new_hits=[], time_up=False, interview_over=False, echo="split by time")
    assert "split by time" not in declined.draft and not declined.echoed


def test_behind_time_one_long_answer_is_enough_for_a_step(case):
    long_answer = " ".join(["We log impressions and watches, join them to the video metadata, and keep them."] * 15)
    progress = {"data": {"candidate_turns": 1}}
    on_time = decide(case, state_at("data", steps=progress), Classification("answer"), long_answer, facts=[],
                     new_hits=[], time_up=False, interview_over=False)
    behind = decide(case, state_at("data", steps=progress), Classification("answer"), long_answer, facts=[],
                    new_hits=[], time_up=False, interview_over=False, behind=True)
    short = decide(case, state_at("data", steps=progress), Classification("answer"), "We log watches.", facts=[],
                   new_hits=[], time_up=False, interview_over=False, behind=True)
    assert on_time.kind != "advance" and short.kind != "advance"
    assert behind.kind == "advance" and behind.next_phase == "features"
    # the first time, the candidate hears why: keep answers shorter; not again at the next step
    from interviewer.engine.memory import remember
    from interviewer.engine.wording import BRIEFER

    state = state_at("data", steps=progress)
    first = decide(case, state, Classification("answer"), long_answer, facts=[], new_hits=[], time_up=False,
                   interview_over=False, behind=True)
    remember(state, first)
    state.phase = "features"
    state.progress("features").candidate_turns = 1
    second = decide(case, state, Classification("answer"), long_answer, facts=[], new_hits=[], time_up=False,
                    interview_over=False, behind=True)
    assert BRIEFER in first.draft and second.kind == "advance" and BRIEFER not in second.draft


def test_i_dont_know_about_a_named_topic_gets_the_easier_part_of_that_topic(case):
    asked, stuck = case.key_points("data")[0], case.key_points("data")[2]
    state = state_at("data", last_item=asked.id, last_question=asked.ask)
    move = decide(case, state, Classification("answer", declined=True), "No idea how to do that part, sorry.",
                  facts=[], new_hits=[], time_up=False, interview_over=False, related=[f"kp:{stuck.id}"])
    assert move.kind == "narrow" and move.question == stuck.smaller and move.key_point_id == stuck.id
    plain = decide(case, state, Classification("answer", declined=True), "No idea.", facts=[], new_hits=[],
                   time_up=False, interview_over=False)
    assert plain.kind == "narrow" and plain.question == asked.smaller
    state.narrowed.append(asked.id)
    again = decide(case, state, Classification("answer", declined=True), "No idea.", facts=[], new_hits=[],
                   time_up=False, interview_over=False)
    assert again.kind != "narrow"


def test_a_fact_answer_leaves_out_sentences_said_before_and_reminds_when_all_were():
    from interviewer.domain.case import Fact
    from interviewer.engine.policy import answer_fact

    state = SessionState(answered_facts={"goal": "More bookings, not more clicks."})
    fact = Fact(key="goal", label="Goal", text="More bookings, not more clicks. The carousel shows 12 listings.")
    assert answer_fact("clarify", [fact], state).draft == "The carousel shows 12 listings."
    said_before = fact.model_copy(update={"text": "More bookings, not more clicks."})
    # said before: recalled in a few words (its figure, or a short sentence), not read out again
    assert answer_fact("clarify", [said_before], state).draft == "As I said earlier: More bookings, not more clicks."
    counted = fact.model_copy(update={"key": "traffic", "text": "About 2,000 requests a second at peak, 600 on average."})
    state.answered_facts["traffic"] = counted.text
    assert answer_fact("clarify", [counted], state).draft == "As I said earlier: 2,000 requests a second."


def test_an_uncovered_question_for_a_figure_is_told_to_assume_a_figure_and_any_other_an_assumption(case):
    from interviewer.engine.wording import ASSUME, ASSUME_FIGURE

    figure = move_for(case, state_at("clarify"), "clarifying_question", "How many engineers are on the team?")
    other = move_for(case, state_at("clarify"), "clarifying_question", "Is the feed the same on a smart TV?")
    assert figure.kind == other.kind == "assume"
    assert figure.draft in ASSUME_FIGURE and other.draft in ASSUME
    assert not any(w in other.draft for w in ("value", "number", "figure"))


def test_a_question_about_what_was_already_asked_in_other_words_counts_as_asked():
    from interviewer.engine.selection import asked_before

    state = SessionState(asked=[normalise("How would you keep the knowledge base current when the product ships weekly?")])
    assert asked_before("The product ships every week; how does the assistant's knowledge keep up?", state)
    assert not asked_before("What could go wrong if one customer's ticket is shown to another?", state)


def test_moving_on_names_back_one_of_the_candidates_terms_not_two_stacked(case):
    from interviewer.engine.policy import advance

    frame = case.key_points("frame")
    state = state_at("clarify")
    state.progress("frame").covered[frame[0].id] = 3
    move = advance(case, state, "clarify", "exhausted", echo="auction", earlier="pointwise CTR")
    assert "auction" in move.draft and "pointwise CTR" not in move.draft and move.recalled == ""
    alone = advance(case, state, "clarify", "exhausted", earlier="pointwise CTR")
    assert "You already mentioned pointwise CTR earlier." in alone.draft


def test_small_talk_after_a_question_with_no_other_wording_goes_back_to_that_question(case):
    deeper = case.steps["serving"].deeper[0]
    move = move_for(case, state_at("serving", last_question=deeper), "off_topic", "Is it raining where you are?")
    assert move.kind == "steer_back" and "last question" in move.draft and move.question == deeper
    assert OPENERS["serving"] not in move.draft


def test_no_term_is_named_back_after_a_correction(case):
    fleet = "The ranking fleet can score about 1,500 candidates per request at peak."
    move = decide(case, state_at("model"), Classification("answer"), "The fleet scores 5,000 candidates per request.",
                  facts=[], new_hits=[], time_up=False, interview_over=False, correction=fleet,
                  echo="candidates per request")
    assert move.corrected and fleet in move.draft and "candidates per request." not in move.draft.replace(fleet, "")


def test_a_second_hint_does_not_open_with_the_first_hints_words(case):
    from interviewer.engine.memory import remember

    state = state_at("data")
    first = move_for(case, state, "hint_request", "Can I get a hint?")
    remember(state, first)
    second = move_for(case, state, "hint_request", "Another hint?")
    assert first.kind == second.kind == "hint" and first.draft.split(".")[0] != second.draft.split(".")[0]
