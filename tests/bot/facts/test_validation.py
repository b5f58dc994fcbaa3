"""Each kind of broken store fails with a FactsError naming the file and the field."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

from bot.facts import FactsError, PartialDate, load_store

Edit = Callable[[str, Callable[[dict], None]], Path]


def _error(path: Path) -> str:
    with pytest.raises(FactsError) as info:
        load_store(path)
    return str(info.value)


def test_copy_of_real_store_is_valid(store_copy: Path) -> None:
    assert len(load_store(store_copy)) == 110


def test_missing_language(edit_yaml: Edit, store_copy: Path) -> None:
    def change(data: dict) -> None:
        del data["cities"]["metz"]["facts"]["mayor"]["text"]["fr"]

    edit_yaml("cities.yml", change)
    message = _error(store_copy)
    assert "cities.yml: cities.metz.facts.mayor.text.fr: field required" in message


def test_empty_language(edit_yaml: Edit, store_copy: Path) -> None:
    edit_yaml("network.yml", lambda d: d["network"]["facts"]["motto"]["text"].update(en="  "))
    message = _error(store_copy)
    assert "network.yml: network.facts.motto.text.en: must not be empty" in message


@pytest.mark.parametrize("bad", ["2025-13", "November 2025", "25-11-2025", "2025-02-30", True])
def test_bad_date(edit_yaml: Edit, store_copy: Path, bad: object) -> None:
    edit_yaml("office.yml", lambda d: d["office"]["facts"]["contact"].update(as_of=bad))
    message = _error(store_copy)
    assert "office.yml: office.facts.contact.as_of: invalid date" in message


@pytest.mark.parametrize(
    ("file_name", "change", "where"),
    [
        (
            "cities.yml",
            lambda d: d["cities"].update(paris=d["cities"]["metz"]),
            "cities.yml: cities.paris: unknown city id 'paris'",
        ),
        (
            "travel.yml",
            lambda d: d["travel"]["routes"][0].update(between=["trier", "paris"]),
            "travel.yml: travel.routes.0.between.1: unknown city id 'paris'",
        ),
        (
            "governance.yml",
            lambda d: d["governance"]["presidents"][2].update(city="treves"),
            "governance.yml: governance.presidents.2.city: unknown city id 'treves'",
        ),
    ],
)
def test_unknown_city_id(edit_yaml: Edit, store_copy: Path, file_name: str, change, where: str) -> None:
    edit_yaml(file_name, change)
    assert where in _error(store_copy)


def test_missing_city(edit_yaml: Edit, store_copy: Path) -> None:
    edit_yaml("cities.yml", lambda d: d["cities"].pop("trier"))
    assert "cities.yml: cities.trier: city missing" in _error(store_copy)


@pytest.mark.parametrize("bad", ["www.vdl.lu", "ftp://example.org/x", "https://"])
def test_bad_source_url(edit_yaml: Edit, store_copy: Path, bad: str) -> None:
    edit_yaml("projects.yml", lambda d: d["projects"]["items"]["music_prize"].update(source=bad))
    message = _error(store_copy)
    assert "projects.yml: projects.items.music_prize.source: invalid source URL" in message


def test_missing_source(edit_yaml: Edit, store_copy: Path) -> None:
    edit_yaml("greater_region.yml", lambda d: d["greater_region"]["facts"]["basics"].pop("source"))
    assert "greater_region.yml: greater_region.facts.basics.source: field required" in _error(store_copy)


def test_extra_field(edit_yaml: Edit, store_copy: Path) -> None:
    edit_yaml("cities.yml", lambda d: d["cities"]["trier"]["facts"]["mayor"].update(mayor_name="X"))
    message = _error(store_copy)
    assert "cities.yml: cities.trier.facts.mayor.mayor_name: extra fields not permitted" in message


def test_bad_confidence(edit_yaml: Edit, store_copy: Path) -> None:
    edit_yaml("office.yml", lambda d: d["office"]["facts"]["tasks"].update(confidence="sure"))
    assert "office.yml: office.facts.tasks.confidence:" in _error(store_copy)


def test_duplicate_yaml_key(store_copy: Path) -> None:
    path = store_copy / "office.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "    location:\n      text: {de: a, fr: b, en: c}\n", encoding="utf-8")
    message = _error(store_copy)
    assert "office.yml: office.facts.location: duplicate key 'location'" in message


def test_duplicate_section_across_files(store_copy: Path) -> None:
    (store_copy / "zz_more.yml").write_text(
        (store_copy / "office.yml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert "zz_more.yml: office: section already defined in" in _error(store_copy)


def test_duplicate_route(edit_yaml: Edit, store_copy: Path) -> None:
    def change(data: dict) -> None:
        routes = data["travel"]["routes"]
        routes.append(dict(routes[0], between=list(reversed(routes[0]["between"]))))

    edit_yaml("travel.yml", change)
    assert "travel.yml: travel.routes.6.between: duplicate route luxembourg–trier" in _error(store_copy)


def test_alias_naming_two_things(edit_yaml: Edit, store_copy: Path) -> None:
    edit_yaml(
        "projects.yml", lambda d: d["projects"]["items"]["cycling_map"]["aliases"]["en"].append("music prize")
    )
    message = _error(store_copy)
    assert "projects.yml: projects.items." in message and "'music prize' also names project" in message


def test_unknown_organ_and_transport(edit_yaml: Edit, store_copy: Path) -> None:
    edit_yaml(
        "governance.yml",
        lambda d: d["governance"]["organs"].update(senate=d["governance"]["organs"]["board"]),
    )
    edit_yaml("travel.yml", lambda d: d["travel"]["transport"].update(boat=d["travel"]["transport"]["bus"]))
    message = _error(store_copy)
    assert "governance.yml: governance.organs.senate: unknown organ id 'senate'" in message
    assert "travel.yml: travel.transport.boat: unknown transport id 'boat'" in message


def test_overlapping_presidents(edit_yaml: Edit, store_copy: Path) -> None:
    edit_yaml("governance.yml", lambda d: d["governance"]["presidents"][3].update(start="2020-06"))
    assert "overlaps the term of Wolfram Leibe" in _error(store_copy)


def test_invalid_yaml(store_copy: Path) -> None:
    (store_copy / "network.yml").write_text("network: [unclosed\n", encoding="utf-8")
    assert "network.yml: invalid YAML" in _error(store_copy)


def test_all_problems_reported_together(edit_yaml: Edit, store_copy: Path) -> None:
    edit_yaml("office.yml", lambda d: d["office"]["facts"]["contact"].update(as_of="soon"))
    edit_yaml("network.yml", lambda d: d["network"]["facts"]["motto"].update(source="nowhere"))
    with pytest.raises(FactsError) as info:
        load_store(store_copy)
    assert len(info.value.problems) == 2


def test_missing_directory(tmp_path: Path) -> None:
    assert "no such facts file or directory" in _error(tmp_path / "nope")


@pytest.mark.parametrize(
    ("value", "expected", "precision"),
    [
        (2025, "2025", "year"),
        ("2025", "2025", "year"),
        ("2025-11", "2025-11", "month"),
        ("2025-11-30", "2025-11-30", "day"),
    ],
)
def test_partial_date(value: object, expected: str, precision: str) -> None:
    parsed = PartialDate.parse(value)
    assert str(parsed) == expected and parsed.precision == precision


def test_partial_date_from_yaml_date() -> None:
    import datetime as dt

    assert str(PartialDate.parse(dt.date(2025, 11, 30))) == "2025-11-30"


def test_route_covers_only_known_modes(edit_yaml: Edit, store_copy: Path) -> None:
    edit_yaml("travel.yml", lambda d: d["travel"]["routes"][0].update(covers=["train", "plane"]))
    assert "travel.yml: travel.routes.0.covers.1:" in _error(store_copy)
