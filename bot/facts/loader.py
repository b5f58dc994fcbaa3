"""Load and validate ``data/facts/*.yml`` into a ``FactsStore``.

Validation happens here, once, when the store loads: a broken store must fail at start-up
(and in CI via ``python -m bot.facts validate``), not in the middle of a conversation.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import yaml
from pydantic import ValidationError

from bot.facts.errors import FactsError
from bot.facts.model import (
    CITY_IDS,
    ORGAN_IDS,
    SECTIONS,
    TRANSPORT_IDS,
    City,
    Fact,
    FactFields,
    FactsFile,
    PointerEntry,
    President,
    Project,
    ServiceTopic,
    Source,
    Texts,
    Vocabulary,
    is_id,
)
from bot.facts.store import FactsStore, Pointer, Route
from bot.facts.text import spellings, token_variants

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_PATH = REPO_ROOT / "data" / "facts"


def display_path(path: Path) -> str:
    """Repo-relative path for messages (``data/facts/cities.yml``), else the path as is."""
    try:
        return path.resolve().relative_to(REPO_ROOT).as_posix()
    except ValueError:
        return str(path)


def _loc(parts: Tuple[Any, ...]) -> str:
    return ".".join(str(p) for p in parts if p != "__root__") or "(top level)"


def _check_duplicates(node: yaml.Node, path: Tuple[Any, ...], problems: List[str], name: str) -> None:
    """YAML silently keeps the last of two equal keys; we refuse them instead."""
    if isinstance(node, yaml.MappingNode):
        seen: Dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in seen:
                problems.append(
                    f"{name}: {_loc(path + (key,))}: duplicate key {key!r} "
                    f"(line {line}, first on line {seen[key]})"
                )
            else:
                seen[key] = line
            _check_duplicates(value_node, path + (key,), problems, name)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _check_duplicates(item, path + (index,), problems, name)


def _read_yaml(path: Path, name: str) -> Any:
    try:
        loader = yaml.SafeLoader(path.read_text(encoding="utf-8"))
        try:
            node = loader.get_single_node()
            if node is None:
                return {}
            problems: List[str] = []
            _check_duplicates(node, (), problems, name)
            if problems:
                raise FactsError(problems)
            return loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        raise FactsError(f"{name}: invalid YAML: {exc}".replace("\n", " ")) from None


def _parse_file(path: Path) -> Tuple[str, FactsFile]:
    name = display_path(path)
    data = _read_yaml(path, name)
    if not isinstance(data, dict):
        raise FactsError(f"{name}: (top level): expected a mapping of sections ({', '.join(SECTIONS)})")
    try:
        return name, FactsFile.parse_obj(data)
    except ValidationError as exc:
        raise FactsError([f"{name}: {_loc(err['loc'])}: {err['msg']}" for err in exc.errors()]) from None


def _files(path: Path) -> List[Path]:
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise FactsError(f"{display_path(path)}: no such facts file or directory")
    files = sorted([*path.glob("*.yml"), *path.glob("*.yaml")])
    if not files:
        raise FactsError(f"{display_path(path)}: no *.yml files")
    return files


class _Builder:
    """Collects facts from all files, checking what a single-file schema cannot."""

    def __init__(self) -> None:
        self.problems: List[str] = []
        self.facts: Dict[str, Fact] = {}
        self.origin: Dict[str, str] = {}
        self.files: Dict[str, List[str]] = {}
        self.sections: Dict[str, str] = {}
        self.cities: Dict[str, City] = {}
        self.organs: Dict[str, Vocabulary] = {}
        self.transport: Dict[str, Vocabulary] = {}
        self.projects: Dict[str, Project] = {}
        self.presidents: List[President] = []
        self.network_website: Optional[str] = None
        self.region_names: Optional[Texts] = None
        self.board_roles: Dict[str, Texts] = {}
        self.board_role_said: Optional[Texts] = None
        self.routes: Dict[Tuple[str, str], Route] = {}
        self.sources: Dict[str, Source] = {}
        self.topics: Dict[str, ServiceTopic] = {}
        self.pointer_entries: List[Tuple[str, int, PointerEntry]] = []
        # (file, field path, source refs) of every fact and pointer, checked once all
        # files (and so the registry) are read
        self.source_refs: List[Tuple[str, str, List[str]]] = []

    def error(self, name: str, loc: str, message: str) -> None:
        self.problems.append(f"{name}: {loc}: {message}")

    def add_fact(self, name: str, loc: str, key: str, fact: FactFields) -> Fact:
        fact = fact.to_fact(key) if not isinstance(fact, Fact) else fact.copy(update={"key": key})
        self.source_refs.append((name, f"{loc}.source", fact.source_refs))
        if key in self.facts:
            self.error(name, loc, f"duplicate fact key {key!r} (also in {self.origin[key]})")
            return fact
        self.facts[key] = fact
        self.origin[key] = name
        self.files.setdefault(name, []).append(key)
        return fact

    def add_facts(self, name: str, section: str, prefix: str, facts: Dict[str, Fact]) -> None:
        for fact_name, fact in facts.items():
            loc = f"{section}.facts.{fact_name}"
            if not is_id(fact_name):
                self.error(name, loc, "fact names are lower-case snake_case")
                continue
            self.add_fact(name, loc, f"{prefix}.{fact_name}", fact)

    def check_ids(
        self, name: str, loc: str, ids: Dict[str, Any], allowed: Tuple[str, ...], what: str
    ) -> None:
        for item_id in ids:
            if item_id not in allowed:
                self.error(
                    name,
                    f"{loc}.{item_id}",
                    f"unknown {what} id {item_id!r}; expected one of {', '.join(allowed)}",
                )

    def add_file(self, name: str, parsed: FactsFile) -> None:
        self.files.setdefault(name, [])
        for section in SECTIONS:
            value = getattr(parsed, section)
            if value is None:
                continue
            if section in self.sections:
                self.error(name, section, f"section already defined in {self.sections[section]}")
                continue
            self.sections[section] = name
            getattr(self, f"_add_{section}")(name, value)

    def _add_network(self, name: str, section: Any) -> None:
        self.network_website = section.website
        self.add_facts(name, "network", "network", section.facts)

    def _add_office(self, name: str, section: Any) -> None:
        self.add_facts(name, "office", "office", section.facts)

    def _add_greater_region(self, name: str, section: Any) -> None:
        self.region_names = section.names
        self.add_facts(name, "greater_region", "greater_region", section.facts)

    def _add_cities(self, name: str, cities: Dict[str, City]) -> None:
        self.check_ids(name, "cities", cities, CITY_IDS, "city")
        for city_id in CITY_IDS:
            if city_id not in cities:
                self.error(name, f"cities.{city_id}", "city missing")
        for city_id, city in cities.items():
            if city_id in CITY_IDS:
                self.cities[city_id] = city
                self.add_facts(name, f"cities.{city_id}", f"city.{city_id}", city.facts)

    def _add_governance(self, name: str, section: Any) -> None:
        self.add_facts(name, "governance", "governance", section.facts)
        self.check_ids(name, "governance.organs", section.organs, ORGAN_IDS, "organ")
        self.organs = {k: v for k, v in section.organs.items() if k in ORGAN_IDS}
        self.presidents = sorted(section.presidents, key=lambda p: p.start)
        self.board_roles = dict(section.board_roles)
        self.board_role_said = section.board_role_said
        for index, president in enumerate(section.presidents):
            for role in president.board:
                if role not in self.board_roles:
                    self.error(
                        name,
                        f"governance.presidents.{index}.board",
                        f"no name for the role {role!r} in board_roles",
                    )
        for index, president in enumerate(section.presidents):
            self.add_fact(name, f"governance.presidents.{index}", president.key(), president)
        for index, (before, after) in enumerate(zip(self.presidents, self.presidents[1:])):
            end = before.end or before.as_of
            if end.months_index(end=True) >= after.start.months_index():
                self.error(
                    name,
                    f"governance.presidents.{index + 1}.start",
                    f"term of {after.person} overlaps the term of {before.person}",
                )

    def _add_travel(self, name: str, section: Any) -> None:
        self.add_facts(name, "travel", "travel", section.facts)
        self.check_ids(name, "travel.transport", section.transport, TRANSPORT_IDS, "transport")
        self.transport = {k: v for k, v in section.transport.items() if k in TRANSPORT_IDS}
        for index, entry in enumerate(section.routes):
            a, b = sorted(str(c) for c in entry.between)
            loc = f"travel.routes.{index}"
            if (a, b) in self.routes:
                self.error(name, f"{loc}.between", f"duplicate route {a}–{b}")
                continue
            fact = self.add_fact(name, loc, f"travel.{a}.{b}", entry)
            self.routes[(a, b)] = Route(
                a=a, b=b, fact=fact, direct_train=entry.direct_train, covers=tuple(entry.covers)
            )

    def _add_projects(self, name: str, section: Any) -> None:
        self.add_facts(name, "projects", "projects", section.facts)
        for project_id, project in section.items.items():
            loc = f"projects.items.{project_id}"
            if not is_id(project_id):
                self.error(name, loc, "project ids are lower-case snake_case")
                continue
            if not project.aliases.all():
                self.error(name, f"{loc}.aliases", "at least one alias is required")
            self.projects[project_id] = project
            self.add_fact(name, loc, f"project.{project_id}", project)
            for fact_name, fact in project.facts.items():
                if not is_id(fact_name):
                    self.error(name, f"{loc}.facts.{fact_name}", "fact names are lower-case snake_case")
                    continue
                self.add_fact(name, f"{loc}.facts.{fact_name}", f"project.{project_id}.{fact_name}", fact)

    def _add_sources(self, name: str, sources: Dict[str, Source]) -> None:
        urls: Dict[str, str] = {}
        for source_id, source in sources.items():
            if not is_id(source_id):
                self.error(name, f"sources.{source_id}", "source ids are lower-case snake_case")
                continue
            if source.url in urls:
                self.error(name, f"sources.{source_id}.url", f"same address as source {urls[source.url]!r}")
            urls[source.url] = source_id
            self.sources[source_id] = source

    def _add_topics(self, name: str, topics: Dict[str, ServiceTopic]) -> None:
        for topic_id, topic in topics.items():
            if not is_id(topic_id):
                self.error(name, f"topics.{topic_id}", "topic ids are lower-case snake_case")
                continue
            self.topics[topic_id] = topic

    def _add_pointers(self, name: str, pointers: List[PointerEntry]) -> None:
        for index, entry in enumerate(pointers):
            self.pointer_entries.append((name, index, entry))
            self.source_refs.append((name, f"pointers.{index}.source", [entry.source]))

    def resolve_sources(self) -> Dict[str, str]:
        """Map every source id and registered address to its id; report unknown references."""
        by_ref: Dict[str, str] = {}
        for source_id, source in self.sources.items():
            by_ref[source_id] = source_id
            by_ref[source.url] = source_id
        for name, loc, refs in self.source_refs:
            for ref in refs:
                if ref not in by_ref:
                    self.error(
                        name,
                        loc,
                        f"unknown source {ref!r}: add it to data/facts/sources.yml (id, url, "
                        "label, lang, kind)",
                    )
        return by_ref

    def build_pointers(self) -> List[Pointer]:
        pointers: List[Pointer] = []
        for name, index, entry in self.pointer_entries:
            if entry.topic not in self.topics:
                self.error(name, f"pointers.{index}.topic", f"unknown topic {entry.topic!r}")
                continue
            pointers.append(
                Pointer(
                    topic=entry.topic,
                    city=entry.city and str(entry.city),
                    text=entry.text,
                    url=entry.url,
                    source=entry.source,
                    as_of=entry.as_of,
                )
            )
        return pointers

    def check_vocabulary(self, store: FactsStore) -> None:
        """One phrase, one meaning: a spelling may not name two different things."""
        owners: Dict[Tuple[str, ...], Tuple[str, str]] = {}
        for label, item_id, phrase in store.vocabulary():
            for spelling in spellings(phrase):
                for tokens in token_variants(spelling):
                    key = tuple(tokens)
                    owner = owners.setdefault(key, (label, item_id))
                    if owner != (label, item_id):
                        section = {
                            "city": "cities",
                            "organ": "governance.organs",
                            "project": "projects.items",
                            "transport": "travel.transport",
                            "service": "topics",
                        }[label]
                        file = self.sections.get(section.split(".")[0], "data/facts")
                        self.error(
                            file, f"{section}.{item_id}", f"{phrase!r} also names {owner[0]} {owner[1]!r}"
                        )


def load_store(path: Optional[Path] = None) -> FactsStore:
    """Load and validate the store from a directory of YAML files (default ``data/facts``)."""
    root = Path(path) if path is not None else DEFAULT_PATH
    builder = _Builder()
    for file in _files(root):
        try:
            name, parsed = _parse_file(file)
        except FactsError as exc:
            builder.problems.extend(exc.problems)
            continue
        builder.add_file(name, parsed)
    if "cities" not in builder.sections and not builder.problems:
        builder.error(display_path(root), "cities", "no file defines the cities section")
    if "sources" not in builder.sections and not builder.problems:
        builder.error(display_path(root), "sources", "no file defines the sources registry")
    by_ref = builder.resolve_sources()
    pointers = builder.build_pointers()
    if builder.problems:
        raise FactsError(builder.problems)
    store = FactsStore(
        facts=builder.facts,
        cities=builder.cities,
        organs=builder.organs,
        transport=builder.transport,
        projects=builder.projects,
        presidents=builder.presidents,
        routes=builder.routes,
        files=builder.files,
        network_website=builder.network_website,
        region_names=builder.region_names,
        board_roles=builder.board_roles,
        board_role_said=builder.board_role_said,
        sources=builder.sources,
        source_ids=by_ref,
        topics=builder.topics,
        pointers=pointers,
    )
    builder.check_vocabulary(store)
    if builder.problems:
        raise FactsError(builder.problems)
    return store


@lru_cache(maxsize=1)
def default_store() -> FactsStore:
    """The store at ``data/facts``, loaded once per process."""
    return load_store()


def store_at(path: Optional[Path | str] = None) -> FactsStore:
    """The store at `path` (a component's ``facts_path`` setting); the shared default one
    when it is unset."""
    return load_store(Path(path)) if path else default_store()
