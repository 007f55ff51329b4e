"""Tests of workshop.safety: every yes leads to a clinician, no message ever concludes."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.safety import (
    BEFORE_PRACTICE,
    EMERGENCY,
    NOT_THE_KIT,
    PRECAUTIONS,
    QUESTIONS,
    RED_FLAGS,
    SOON,
    URGENCIES,
    screen,
)

# Phrases that would claim to know what someone has.
CLAIMS = re.compile(
    r"you have|you've got|you are suffering|you suffer|diagnos|this is (a|an) |you probably"
    r"|it is (likely|probably)|caused by",
    re.IGNORECASE,
)
KEYS = sorted(QUESTIONS)


def assert_no_claims(message: str):
    assert not CLAIMS.search(message), CLAIMS.search(message)
    for flag in RED_FLAGS:
        assert flag.may_indicate not in message


def test_data_is_well_formed():
    keys = [item.key for item in RED_FLAGS + PRECAUTIONS]
    assert len(keys) == len(set(keys)) == len(QUESTIONS)
    for item in RED_FLAGS + PRECAUTIONS:
        assert item.urgency in URGENCIES
        assert item.question.endswith("?")
        assert item.label and item.source
    assert {f.urgency for f in RED_FLAGS} == {EMERGENCY, SOON}
    assert {p.urgency for p in PRECAUTIONS} == {BEFORE_PRACTICE}
    covered = " ".join(f.may_indicate for f in RED_FLAGS)
    for topic in (
        "cauda equina",
        "infection",
        "malignancy",
        "fracture",
        "neurological",
        "inflammatory",
    ):
        assert topic in covered


@pytest.mark.parametrize("flag", RED_FLAGS, ids=lambda f: f.key)
def test_every_red_flag_leads_to_a_clinician(flag):
    r = screen({flag.key: True})
    assert r.see_clinician
    assert r.urgency == flag.urgency
    assert r.red_flags == (flag.key,)
    assert "clinician" in r.message or "medical help" in r.message
    if flag.urgency == EMERGENCY:
        assert "today" in r.message and "emergency" in r.message
    assert flag.label in r.message
    assert_no_claims(r.message)


@pytest.mark.parametrize("item", PRECAUTIONS, ids=lambda p: p.key)
def test_every_precaution_asks_for_a_clinician_before_practice(item):
    r = screen({item.key: True})
    assert r.see_clinician and r.urgency == BEFORE_PRACTICE
    assert r.precautions == (item.key,)
    assert "before practising" in r.message.lower() and item.advice in r.message
    assert_no_claims(r.message)


def test_all_no_is_not_a_clearance():
    r = screen({key: False for key in KEYS})
    assert not r.see_clinician and r.urgency is None
    assert r.red_flags == () and r.precautions == () and r.unanswered == ()
    assert "not a clearance" in r.message
    assert_no_claims(r.message)


def test_empty_answers_lists_every_question_as_unanswered():
    r = screen({})
    assert not r.see_clinician
    assert set(r.unanswered) == set(KEYS)
    assert "not answered" in r.message


def test_most_urgent_level_wins_and_flags_are_sorted_by_urgency():
    r = screen({"cancer_history": True, "bladder_bowel_change": True, "pregnancy": True})
    assert r.urgency == EMERGENCY
    assert r.red_flags == ("bladder_bowel_change", "cancer_history")
    lines = r.message.splitlines()
    assert lines[0].startswith("Please get medical help today")


def test_numpy_booleans_are_accepted():
    r = screen({"weight_loss": np.bool_(True)})
    assert r.see_clinician and r.urgency == SOON


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(KEYS), st.booleans()))
def test_any_answers_give_safe_advice(answers):
    r = screen(answers)
    assert r.see_clinician == any(answers.values())
    assert r.not_the_kit == NOT_THE_KIT
    for line in NOT_THE_KIT:
        assert line in r.message
    assert_no_claims(r.message)
    if r.see_clinician:
        assert "clinician" in r.message or "medical help" in r.message
    else:
        assert "not a clearance" in r.message


def test_unknown_keys_raise_naming_them():
    with pytest.raises(ValueError, match="'back_hurts'") as info:
        screen({"back_hurts": True, "weight_loss": False, "leg_numb": False})
    assert "'leg_numb'" in str(info.value)
    with pytest.raises(ValueError, match="unknown keys"):
        screen({1: True})


@pytest.mark.parametrize("value", [1, 0, "yes", None, 1.0])
def test_non_boolean_answers_raise(value):
    with pytest.raises(TypeError, match="weight_loss"):
        screen({"weight_loss": value})


@pytest.mark.parametrize("answers", [None, [("weight_loss", True)], "weight_loss"])
def test_answers_must_be_a_dict(answers):
    with pytest.raises(TypeError, match="answers must be a dict"):
        screen(answers)
