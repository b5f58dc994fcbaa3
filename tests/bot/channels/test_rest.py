"""The REST channel's collector: a fact's custom JSON rides on its text."""

from __future__ import annotations

import asyncio

from bot.channels.rest import RestCollector


def test_custom_json_after_a_text_rides_on_that_text_and_alone_stays_an_element() -> None:
    out = RestCollector()
    qp = {"qp": {"facts": ["network.founding"], "sources": []}}
    asyncio.run(out.send_text_message("u", "QuattroPole was founded in 2000."))
    asyncio.run(out.send_custom_json("u", qp))
    asyncio.run(out.send_custom_json("u", {"qp": {"facts": ["x"]}}))  # a second one: its own element
    asyncio.run(out.send_text_message("u", "Anything else?"))
    assert out.messages == [
        {"recipient_id": "u", "text": "QuattroPole was founded in 2000.", "custom": qp},
        {"recipient_id": "u", "custom": {"qp": {"facts": ["x"]}}},
        {"recipient_id": "u", "text": "Anything else?"},
    ]
    first = RestCollector()
    asyncio.run(first.send_custom_json("u", qp))  # nothing before it
    assert first.messages == [{"recipient_id": "u", "custom": qp}]
