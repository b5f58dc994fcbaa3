"""Answer the question that was asked, end to end over REST: kinds, follow-ups, two-part
questions, a pending question that does not trap, the assistant itself, city services."""

from __future__ import annotations

import pytest

from tests.integration.conftest import Chat

pytestmark = pytest.mark.integration


def test_two_questions_in_one_message_get_both_answers_in_order(stack):
    reply = Chat(stack).text("Qui est le maire de Metz et combien d'habitants a la ville ?")
    assert "Grosdidier" in reply and "habitants" in reply
    assert reply.index("Grosdidier") < reply.index("habitants")


def test_opening_hours_are_not_answered_with_the_office_tasks(stack):
    reply = Chat(stack).text("Wann hat die Geschäftsstelle geöffnet? Öffnungszeiten?")
    assert "Öffnungszeiten" in reply and "habe ich leider nicht" in reply
    assert "bereitet die Sitzungen" not in reply


def test_seit_wann_after_a_mayor_is_about_the_mayor(stack):
    chat = Chat(stack)
    assert "Leibe" in chat.text("Wer ist Oberbürgermeister von Trier?")
    reply = chat.text("Seit wann?")
    assert "2015" in reply and "gegründet" not in reply


def test_a_new_question_while_the_travel_form_waits_is_answered(stack):
    chat = Chat(stack)
    chat.text("How do I get to Saarbrücken?")
    reply = chat.text("Actually, who is the mayor of Metz?")
    assert "Grosdidier" in reply
    # the form was dropped: a city now is a follow-up on the mayor, not the trip's start
    assert "Leibe" in chat.text("and Trier?")


def test_can_you_speak_luxembourgish_is_answered_without_a_switch(stack):
    chat = Chat(stack)
    chat.text("Hello")
    reply = chat.text("Can you speak Luxembourgish?")
    assert "German, French and English" in reply
    assert "from now on" not in reply
    assert "Source:" in chat.text("Who is the mayor of Trier?")  # still English


def test_sprichst_du_franzoesisch_keeps_german(stack):
    chat = Chat(stack)
    chat.text("Hallo")
    reply = chat.text("Sprichst du Französisch?")
    assert "Deutsch, Französisch und Englisch" in reply
    assert "Quelle:" in chat.text("Wer ist Bürgermeister von Metz?")


def test_a_city_service_question_points_to_the_right_place(stack):
    reply = Chat(stack).text("Wo beantrage ich einen Personalausweis in Saarbrücken?")
    assert "saarbruecken.de" in reply
