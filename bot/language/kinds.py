"""What kind of thing a question asks for: who, when, since when, opening hours, the next one...

The intent says what a question is about (the office, a city's mayor); the kind says what it
wants to know about it. "Wann hat die Geschäftsstelle geöffnet?" is about the office and asks
for opening hours: an answer about the office's tasks would be a neighbouring fact, not the
answer. The vocabulary lives in data/question_kinds.yml; this module only reads and matches it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Pattern, Sequence, Tuple

import yaml

from bot.language.text import LANGS, fold

KINDS_PATH = Path(__file__).resolve().parents[2] / "data" / "question_kinds.yml"

Patterns = Dict[str, List[Pattern[str]]]


@dataclass(frozen=True)
class Question:
    """What one message asks: its kinds (main kind first), a relation to the previous answer
    ("before" / "after") and whether it points back to the conversation's place ("there")."""

    kinds: Tuple[str, ...] = ()
    relation: Optional[str] = None
    here: bool = False
    text: str = field(default="", compare=False)
    #: only kind, relation and filler words: a follow-up on the conversation's subject
    bare: bool = False
    #: roles the message names ("presidency", "mayor"), to tell a person's facts apart
    roles: Tuple[str, ...] = ()
    #: what a "how many" question counts ("mitarbeiter"), folded; None if it says nothing
    counted: Optional[str] = None
    #: the years the message names (a fact that does not mention them does not answer it)
    years: Tuple[int, ...] = ()
    #: the message names the network itself ("QuattroPole", "die vier Städte"); "et combien
    #: d'habitants ?" after a question about a city does not
    names_network: bool = False
    #: a pronoun points back to the conversation's subject ("how many members does it have?")
    back: bool = False
    #: the pronoun stands for a person ("bis wann ist er gewählt?")
    person_back: bool = False
    #: the message asks about today ("and who is it now?")
    now: bool = False

    @property
    def kind(self) -> Optional[str]:
        return self.kinds[0] if self.kinds else None

    def asks(self, *kinds: str) -> bool:
        return any(kind in self.kinds for kind in kinds)


@dataclass(frozen=True)
class KindVocabulary:
    kinds: Dict[str, Patterns]
    relations: Dict[str, Patterns]
    here: Patterns
    back: Patterns = field(default_factory=dict)
    person_back: Patterns = field(default_factory=dict)
    roles: Dict[str, Patterns] = field(default_factory=dict)
    network: Patterns = field(default_factory=dict)
    now: Patterns = field(default_factory=dict)
    when_words: Patterns = field(default_factory=dict)
    past: Patterns = field(default_factory=dict)
    counted: Patterns = field(default_factory=dict)
    count_ignore: frozenset = frozenset()
    number_words: frozenset = frozenset()
    count_groups: Dict[str, frozenset] = field(default_factory=dict)
    fillers: Dict[str, frozenset] = field(default_factory=dict)
    plain_words: Dict[str, frozenset] = field(default_factory=dict)

    @property
    def kind_names(self) -> Tuple[str, ...]:
        return tuple(self.kinds)


def _compile(name: str, by_lang: object, path: Path) -> Patterns:
    if not isinstance(by_lang, dict) or set(by_lang) - set(LANGS):
        raise ValueError(f"{path}: '{name}': expected a mapping with keys among {LANGS}")
    compiled: Patterns = {}
    for lang, items in by_lang.items():
        try:
            compiled[lang] = [re.compile(item) for item in items or []]
        except (re.error, TypeError) as error:
            raise ValueError(f"{path}: '{name}', {lang}: {error}") from error
    return compiled


def load_vocabulary(path: Path = KINDS_PATH) -> KindVocabulary:
    """Read and compile data/question_kinds.yml; a bad pattern names the file and the kind."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return KindVocabulary(
        kinds={name: _compile(name, v, path) for name, v in (raw.get("kinds") or {}).items()},
        relations={name: _compile(name, v, path) for name, v in (raw.get("relations") or {}).items()},
        here=_compile("here", raw.get("here") or {}, path),
        back=_compile("back", raw.get("back") or {}, path),
        person_back=_compile("person_back", raw.get("person_back") or {}, path),
        roles={name: _compile(name, v, path) for name, v in (raw.get("roles") or {}).items()},
        counted=_compile("counted", raw.get("counted") or {}, path),
        past=_compile("past", raw.get("past") or {}, path),
        network=_compile("network", raw.get("network") or {}, path),
        now=_compile("now", raw.get("now") or {}, path),
        when_words=_compile("when_words", raw.get("when_words") or {}, path),
        count_ignore=frozenset(fold(str(w)) for w in raw.get("count_ignore") or []),
        number_words=frozenset(fold(str(w)) for w in raw.get("number_words") or []),
        count_groups={
            name: frozenset(fold(str(w)) for w in words or [])
            for name, words in (raw.get("count_groups") or {}).items()
        },
        fillers=_words_by_lang(raw.get("fillers")),
        plain_words=_words_by_lang(raw.get("plain_words")),
    )


def _words_by_lang(raw: Optional[Dict[str, List[object]]]) -> Dict[str, frozenset]:
    return {lang: frozenset(fold(str(w)) for w in words or []) for lang, words in (raw or {}).items()}


@lru_cache(maxsize=1)
def vocabulary() -> KindVocabulary:
    return load_vocabulary()


def _languages(lang: Optional[str]) -> Sequence[str]:
    """The message's language first, then the others (short follow-ups are often ambiguous)."""
    if lang in LANGS:
        return (lang, *(other for other in LANGS if other != lang))
    return LANGS


def _matches(patterns: Patterns, text: str, langs: Sequence[str]) -> bool:
    return any(p.search(text) for lang in langs for p in patterns.get(lang, ()))


def asked_sentences(text: str) -> str:
    """The sentences of `text` that end with a question mark, joined ("" when none does):
    "Meine Schüler können nur Deutsch." beside "Welche Sprachen spricht man?" is only told."""
    return " ".join(re.findall(r"[^.!?]*\?", text))


def question_of(
    text: Optional[str], lang: Optional[str] = None, vocab: Optional[KindVocabulary] = None
) -> Question:
    """The kinds, relation and back-reference of one message, in the order of the vocabulary.

    Patterns of the message's language are tried first; the other languages only when that
    finds no kind at all (a German conversation may well ask "since when?")."""
    vocab = vocab or vocabulary()
    folded = " ".join(fold(text or "").replace("’", "'").split())
    kinds: List[str] = []
    for langs in ((lang,) if lang in LANGS else (), _languages(lang)):
        kinds = [name for name, patterns in vocab.kinds.items() if _matches(patterns, folded, langs)]
        if kinds:
            break
    if "legal_form" in kinds:
        asked = asked_sentences(folded)
        if asked.strip() and not _matches(vocab.kinds["legal_form"], asked, _languages(lang)):
            # "je travaille pour une association culturelle. Pourriez-vous me renseigner sur le
            # Prix d'art Robert Schuman ?": the association is the user's, told, not asked about
            kinds.remove("legal_form")
    if "hours" in kinds and "when" in kinds and _matches(vocab.past, folded, _languages(lang)):
        kinds.remove("hours")  # "when did the house open?" asks a date, not opening hours
    if kinds[:1] == ["since"] and _SINCE_THE_START.search(folded) and _ASKS_WHAT.search(folded):
        # "qu'a concrètement réalisé QuattroPole depuis sa création ?" asks what, not since when
        kinds = [*(k for k in kinds if k not in ("since", "when")), "what"]
    if "cost" in kinds and _NOT_MONEY.search(folded):
        kinds.remove("cost")  # "non pas l'argent, je veux dire les projets culturels"
    if "next" in kinds and _NEAREST.search(folded):
        kinds.remove("next")  # "nächster Flughafen bei Trier?": the nearest, not the next date
    if (
        "next" in kinds
        and _WHEN_I_COME.search(folded)
        and (len(kinds) > 1 or asks_what_the_network_is(folded) or _I_OR_WE.search(folded))
    ):
        # "whats the exact address, i might drop by next week": when the user comes, not the
        # next event
        kinds.remove("next")
    relation = next(
        (name for name, patterns in vocab.relations.items() if _matches(patterns, folded, _languages(lang))),
        None,
    )
    if "where" in kinds and _CHOICE_WITH_OU.search(folded) and not _WHERE_NOT_OU.search(folded):
        # "qui élit le président : l'assemblée générale ou le directoire ?": "ou" is "or"
        kinds.remove("where")
    if kinds[:1] == ["legal_form"] and set(kinds) & ASKING_KINDS:
        # "when was it founded as an association?", "wo ist der Sitz des Vereins?": the
        # association is what is asked about; the question word says what is asked
        kinds = [*(k for k in kinds if k != "legal_form"), "legal_form"]
    if kinds[:1] == ["when"] and "who" in kinds and not _matches(vocab.when_words, folded, _languages(lang)):
        kinds = ["who", *(k for k in kinds if k != "who")]  # "wer hat es gegründet?" asks who
    if (
        kinds[:1] == ["when"]
        and "where" in kinds
        and not _matches(vocab.when_words, folded, _languages(lang))
    ):
        kinds = ["where", *(k for k in kinds if k != "where")]  # "wo wurde der Verein gegründet?" asks where
    if kinds[:1] == ["who"] and _WHO_IS_THE_NETWORK.search(folded):
        # "c'est qui quattropole, c une asso ?" asks what it is, not who founded it
        kinds = ["what", *(k for k in kinds if k not in ("who", "what"))]
    if relation == "first" and _matches(vocab.now, folded, _languages(lang)):
        # "wait actually first - who is the current president?", "ist er heute noch Präsident?"
        relation = None
    if kinds[:1] == ["winner"] and "cost" in kinds and _HOW_MUCH.search(folded):
        # "combien reçoit le gagnant ?", "how much does the winner get?": the prize money
        kinds = ["cost", *(k for k in kinds if k != "cost")]
    if kinds[:1] == ["frequency"] and set(kinds) - {"frequency", "list"} and not _HOW_OFTEN.search(folded):
        # "c'est où exactement, je passe devant tous les jours": "every day" tells how often the
        # user does something; the question word asks the rest
        kinds = [*kinds[1:], "frequency"]
    if kinds[:1] == ["why"] and "origin" in kinds and _WHY_CALLED.search(folded):
        # "why is it called QuattroPole?", "pourquoi ça s'appelle comme ça ?": where the name
        # comes from, not the network's aims
        kinds = ["origin", *(k for k in kinds if k not in ("why", "origin"))]
    if relation == "after" and "who" not in kinds and ("next" in kinds or "when" in kinds):
        # "when is the next one?" asks the next date, not who came after
        relation = None
        kinds = ["next", *(k for k in kinds if k != "next")]
    meant = _NOT_THAT.sub(" ", folded)  # roles said not to be meant are no roles of the question
    return Question(
        tuple(kinds),
        relation,
        _matches(vocab.here, folded, _languages(lang)),
        text or "",
        bare=bool(kinds or relation) and _only_fillers(vocab, folded, _languages(lang)),
        roles=tuple(
            name for name, patterns in vocab.roles.items() if _matches(patterns, meant, _languages(lang))
        ),
        counted=_counted(vocab, folded, _languages(lang)),
        years=written_years(folded) or relative_years(folded),
        names_network=_matches(vocab.network, _BESIDES_THE_NETWORK.sub(" ", folded), _languages(lang)),
        back=_matches(vocab.back, folded, (lang,) if lang in LANGS else _languages(lang)),
        person_back=_matches(vocab.person_back, folded, (lang,) if lang in LANGS else _languages(lang)),
        now=_matches(vocab.now, folded, _languages(lang)),
    )


#: A role said not to be meant: "als Oberbürgermeister, nicht die Präsidentschaft", "pas la
#: présidence", "not the presidency" (folded)
_NOT_THAT = re.compile(
    r"\b(?:nicht|pas|not|non)\s+(?:(?:als|die|den|der|das|la|le|les|l|the|de|du|des|a|as)\s+)?\w+"
)

#: A choice between two things (folded): "l'assemblée générale ou le directoire", where French
#: "ou" is "or", not "où"
_CHOICE_WITH_OU = re.compile(
    r"\b(?:le|la|les|l|un|une|des|du)[\s']?\w+(?:\s\w+)?\s+ou\s+(?:le|la|les|l|un|une|des|du)\b"
)
#: where asked in words other than "où" (folded)
_WHERE_NOT_OU = re.compile(
    r"\b(?:ou est|ou se|c.?est ou|ou sont|ou trouver|ou aller|adresse|dans quelle ville|quel lieu)\b"
)

#: The network named as what is left out: "ya qui dedans à part quattropole ?", "who else
#: besides QuattroPole?" asks about something else
_BESIDES_THE_NETWORK = re.compile(
    r"\b(?:a part|sauf|hormis|en dehors de|apart from|besides|other than|except|ausser|neben|abgesehen von)"
    r"\s+(?:(?:de|du|la|le|l|d|the|dem|der|die|das)\s+)?(?:quattro ?pol\w*|reseau|network|netzwerk|verein)\b"
)

#: "how often" asked, not told: "wie oft", "à quelle fréquence", "every how many minutes"
_HOW_OFTEN = re.compile(
    r"\b(?:wie oft|wie haufig|wie regelmassig|alle wie ?viel\w*|a quelle frequence|tous les combien"
    r"|combien de (?:trains|bus|fois)|how often|how frequent\w*|every how|how many (?:trains|buses|times))\b"
)

#: "why" asked of a name: "why is it called", "warum heißt", "pourquoi ça s'appelle"
_WHY_CALLED = re.compile(r"\b(?:called|named|names?|heisst|heist|heissen|namen?|appel\w*|nomme\w*|nom)\b")

#: "who" asked of the network itself: "c'est qui quattropole", "wer ist quattropole".
_WHO_IS_THE_NETWORK = re.compile(
    r"\b(?:c'?est qui|c qui|qui est|qui c'?est|wer ist|wer sind|who is|who are|whos|who's)\s+"
    r"(?:(?:ce|le|das|the)\s+)?(?:quattro\s?-?pole|reseau|netz|städtenetz|stadtenetz|network)\b"
)

#: "what" asked of the network itself, nothing else: "c koi quattropole en fait, en 2 phrases",
#: "was ist das netzwerk?", "what's quattropole, in short?", also after a sentence of its own
#: ("hi! im an erasmus student in trier. what is this quattropole thing?")
_WHAT_IS_THE_NETWORK = re.compile(
    r"(?:^|[.!?;]\s)\W*(?:(?:bonjour|salut|slt|hallo|hi|hello|hey|ok|alors|also|so)\W+)*"
    r"(?:c (?:koi|quoi)|c'?est quoi|qu'?est-ce que(?: c'?est)?|was ist|was genau ist|what'?s|what is|what exactly is|wat is)"
    r"\s+(?:(?:le|ce|das|the|this)\s+)?(?:quattro\s?-?pole?|reseau|netzwerk|stadtenetz|network)\b(?!'?s\b)"
    r"(?!\s+(?:\w+\s+)?(?:president|prasident|vorstand|board|bureau|directoire|buro|office|secretariat))"
)


#: What QuattroPole has to do with the user's plans: "was hat quattropole damit zu tun?",
#: "quel est le lien entre quattropole et tout ça ?", "what does quattropole have to do with it?"
_TO_DO_WITH_THE_NETWORK = re.compile(
    r"\bwas hat (?:quattro ?-?pole|das netzwerk|das netz|das stadtenetz) (?:\w+ )?(?:damit|da|mit \w+) zu tun\b"
    r"|\bwhat (?:does|has) (?:quattro ?-?pole|the network) (?:got )?(?:to do|have to do) with\b"
    r"|\bquel (?:est )?(?:le )?(?:lien|rapport) (?:entre|avec) (?:quattro ?-?pole|le reseau) et (?:tout )?(?:ca|cela)\b"
    r"|\bc.?est quoi le (?:lien|rapport) (?:entre|avec) (?:quattro ?-?pole|le reseau)\b(?! et (?:la|le|les) )"
    # what it is good for: "was bringt dieses quattropole eigentlich?", "ça sert à quoi
    # quattropole ?", "what's the point of quattropole?"
    r"|\bwas (?:bringt|nutzt|nützt) (?:\w+ )?(?:quattro ?-?pole|das netzwerk|das netz)\b"
    r"|\b(?:quattro ?-?pole|le reseau),? (?:ca|ça) (?:sert|apporte) (?:a )?quoi\b"
    # "does it actually do anything for normal people like me?"
    r"|\bdoes (?:it|quattro ?-?pole|the network) (?:actually |really |even )?(?:do|achieve) anything for"
    r" (?:normal |ordinary |regular )?(?:people|citizens|me|us|residents)\b"
    r"|\b(?:fait|apporte)(?:-t-il| il| elle| quattropole)? (?:vraiment |concretement )?quelque chose pour"
    r" (?:les gens|les citoyens|nous|moi|les habitants)\b"
    r"|\bmacht (?:das|es|quattro ?-?pole|der verein) (?:uberhaupt |eigentlich |wirklich )?(?:was|etwas) fur"
    r" (?:normale |die )?(?:leute|menschen|burger\w*|uns|mich)\b"
    r"|\b(?:a quoi (?:sert|bon)|ca sert a quoi|ca apporte quoi) (?:\w+ )?(?:quattro ?-?pole|le reseau|ce reseau)\b"
    r"|\bwhat(?:'?s| is) the (?:point|use) of (?:\w+ )?(?:quattro ?-?pole|the network|this network)\b"
    r"|\bwhat good is (?:\w+ )?(?:quattro ?-?pole|the network)\b"
)


def asks_what_the_network_is(text: str) -> bool:
    """The message asks what QuattroPole is, however it goes on ("..., en 2 phrases"), or what
    it has to do with the user's plans ("wir fahren nach Metz, was hat QuattroPole damit zu
    tun?")."""
    folded = " ".join(fold(text).replace("’", "'").split())
    return bool(
        _WHAT_IS_THE_NETWORK.search(folded)
        or _TO_DO_WITH_THE_NETWORK.search(folded)
        or _NAMED_THEN_WHAT_IS_IT.search(folded)
    )


#: The network named, then "what is that?": "someone mentioned QuattroPole - what is that?",
#: "QuattroPole, c'est quoi ça ?", "QuattroPole? was ist das?"
_NAMED_THEN_WHAT_IS_IT = re.compile(
    r"\bquattro\s?-?pole?\b\W{0,5}(?:\w+\W+){0,3}?"
    r"(?:what is (?:that|it|this)|what'?s (?:that|it|this)|c'?est quoi(?: ca)?|qu'?est-ce que c'?est"
    r"|was ist (?:das|es)(?: eigentlich| genau)?)\s*\?"
    # "quattropole c'est qui exactement ?": who they are, what the network is
    r"|\bquattro\s?-?pole?\s+(?:c'?est|c)\s+qui\b(?:\s+(?:exactement|au juste|en fait|vraiment))?\s*(?:\?|$)"
)


#: "how much", asking an amount: with a winner, the prize money
_HOW_MUCH = re.compile(r"\bhow much\b|\bwie ?viel\b|\bcombien\b|\bwas (?:bekomm|krieg|erhalt)\w*")

#: a span from the start, not a question of since when: "depuis sa création", "seit der Gründung"
_SINCE_THE_START = re.compile(
    r"\b(?:depuis|seit|since) (?:sa|la|son|le|seiner|ihrer|der|dem|its|the|their) "
    r"(?:creation|fondation|debut|debuts|grundung|anfang|beginn|entstehung|founding|foundation|start|beginning)\b"
)
#: what it did: "qu'a-t-il réalisé", "was hat ... erreicht", "what has it achieved"
_ASKS_WHAT = re.compile(r"\b(?:qu.a|qu.ont|qu.est-ce qu|quoi|quels?|quelles?|was|welche[nrs]?|what|which)\b")

#: money set aside: "non pas l'argent, je veux dire ...", "nicht das Geld", "not the money"
_NOT_MONEY = re.compile(
    r"\b(?:pas|nicht|not|no)\s+(?:l'|le |la |les |das |den |die |the |de l')?"
    r"(?:argent|geld|money|prix|cout|couts|kosten|preis|price|prices|cost|costs)\b"
)

#: "next" meaning "nearest": "nächster Flughafen", "the next station", "prochaine gare"
_NEAREST = re.compile(
    r"\b(?:nachste[nrms]?|naechste[nrms]?|next|prochaine?)\s+(?:flughafen|flugplatz|bahnhof|haltestelle|stadt"
    r"|airport|station|stop|town|city|gare|aeroport|arret|ville)\b"
)

#: A time of the user's own plans ("next week", "nächste Woche", "la semaine prochaine").
_WHEN_I_COME = re.compile(
    r"\bnext (?:week|month|weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|spring|summer|autumn|fall|winter|holidays?|vacation)\b"
    r"|\bnachste[nr]? (?:woche|monat|wochenende|fruhling|fruhjahr|sommer|herbst|winter|ferien|urlaub)\b"
    r"|\b(?:la semaine|le mois|le week-?end|l.ete|l.hiver|l.automne|le printemps|les vacances)"
    r" prochaine?s?\b"
)

#: The user speaking of their own plans ("i want to visit Metz next week", "wir kommen
#: nächste Woche"): with _WHEN_I_COME, the time is theirs, not a question about what is next
_I_OR_WE = re.compile(r"\b(?:i|i'm|im|we|we're|ich|wir|je|j|nous|on)\b")

#: Kinds named by a question word ("when", "wo", "qui"); a kind found by a topic word only
#: ("an association" for the legal form) comes after them.
ASKING_KINDS = frozenset({"when", "since", "until", "where", "who", "how_many"})

_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")


def written_years(text: str) -> Tuple[int, ...]:
    """The years written out in digits in `text` ("2019", "en 2023"), in order."""
    return tuple(int(y) for y in _YEAR.findall(text))


#: what stands between the two years of a span: "2017-2022", "von 2019 bis 2023", "de 2017 à 2022"
_SPAN_JOIN = re.compile(r"^\s*(?:-|–|bis|to|till|until|through|a|au|jusqu.?(?:en|a|au)?)\s*(?:en\s+)?$")
#: "between 2017 and 2022", "zwischen 2017 und 2022", "entre 2017 et 2022"
_SPAN_BETWEEN = re.compile(r"\b(?:between|zwischen|entre)\s+(?:\w+\s+){0,2}$")
_SPAN_AND = re.compile(r"^\s*(?:and|und|et)\s*(?:en\s+)?$")


def year_span(text: str) -> Optional[Tuple[int, int]]:
    """The first and last year of a span the message asks about ("between 2017 and 2022",
    "von 2019 bis 2023", "2017-2022"), or None when it names single years."""
    folded = fold(text)
    found = list(_YEAR.finditer(folded))
    if len(found) != 2:
        return None
    first, last = int(found[0].group(0)), int(found[1].group(0))
    between = folded[found[0].end() : found[1].start()]
    if first >= last:
        return None
    if _SPAN_JOIN.match(between) or (
        _SPAN_AND.match(between) and _SPAN_BETWEEN.search(folded[: found[0].start()])
    ):
        return first, last
    return None


#: A year named relative to today (folded text): "cette année", "letztes Jahr", "next year".
_RELATIVE_YEARS = (
    (0, re.compile(r"\b(?:this year|dieses jahr|diesem jahr|dies jahr|heuer|cette annee|cet an)\b")),
    (
        -1,
        re.compile(
            r"\b(?:last year|letztes jahr|letzten jahr|im letzten jahr|vergangenes jahr|vorjahr|vorigen jahr"
            r"|l'an dernier|l'annee derniere|l'an passe|l'annee passee)\b"
        ),
    ),
    (1, re.compile(r"\b(?:next year|nachstes jahr|nachsten jahr|l'an prochain|l'annee prochaine)\b")),
)


def relative_years(folded: str) -> Tuple[int, ...]:
    """The year a folded message names relative to today (the facts store's clock), if any."""
    from bot.facts import clock  # the store's clock: QP_TODAY in tests and demos

    for offset, pattern in _RELATIVE_YEARS:
        if pattern.search(folded):
            return (clock.today().year + offset,)
    return ()


#: Crossing a border to work, whatever is counted ("wie viele Leute pendeln über die Grenze?",
#: "how many people cross the border for work"): the commuters
_COMMUTING = re.compile(
    r"\bpendel\w*|\bpendl\w*|\bgrenzgang\w*|\bfrontalier\w*|\bcommut\w*|\bcross(?:es|ing)? the border"
    r"|\buber die grenze\b|\btraversent la frontiere\b"
)


def _counted(vocab: KindVocabulary, folded: str, langs: Sequence[str]) -> Optional[str]:
    if _COMMUTING.search(folded):
        return "pendler"
    for lang in langs:
        for pattern in vocab.counted.get(lang, ()):
            match = pattern.search(folded)
            if not match:
                continue
            for word in re.findall(r"\w+", match.group(1))[:4]:  # the first thing named
                if (
                    len(word) >= 3
                    and word not in vocab.count_ignore
                    and word not in vocab.fillers.get(lang, ())
                ):
                    return word
            return None
    return None


def counts_same(vocab: KindVocabulary, counted: str, text: str) -> bool:
    """True when `text` speaks of what is counted: the same word (or one sharing its first five
    letters, "Teilnehmende" / "Teilnehmer"), or a word of the same group ("Leute" / "Einwohner")."""
    words = set(re.findall(r"\w+", fold(text)))
    stem = counted[:5]
    if any(w.startswith(stem) for w in words):
        return True
    groups = [
        g for g in vocab.count_groups.values() if counted in g or any(counted.startswith(m[:5]) for m in g)
    ]
    return any(w in g or any(w.startswith(m[:5]) for m in g if len(m) >= 5) for g in groups for w in words)


_WORD = re.compile(r"[a-z0-9]+")


def _only_fillers(vocab: KindVocabulary, folded: str, langs: Sequence[str]) -> bool:
    """True when every word is matched by a kind or relation pattern or is a filler."""
    rest = folded
    for patterns in (*vocab.kinds.values(), *vocab.relations.values(), vocab.here):
        for lang in langs:
            for pattern in patterns.get(lang, ()):
                rest = pattern.sub(" ", rest)
    fillers = frozenset().union(*(vocab.fillers.get(lang, frozenset()) for lang in langs))
    return all(word in fillers for word in _WORD.findall(rest))


def counts(vocab: KindVocabulary, counted: str, text: str) -> bool:
    """True when `text` gives a number of what is counted ("Mitglieder sind vier Städte")."""
    words = re.findall(r"\w+", fold(text))
    has_number = any(w.isdigit() or w in vocab.number_words for w in words)
    return has_number and counts_same(vocab, counted, text)
