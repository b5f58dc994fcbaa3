"""`rasa data validate` with every warning treated as an error, but one.

Rasa's validator only sees responses that stories and rules name. Responses that our custom
actions send (`dispatcher.utter_message(response=...)`), that forms ask with (`utter_ask_<slot>`)
or that Rasa's own default actions send (`utter_default`) look unused to it. Those, and only
those, are allowed; each must really be referenced by the code, so a response that nothing uses
still fails.

Intents that only a client sends as a payload (`/feedback` from the web chat's thumbs) have no
training examples on purpose; Rasa's "not found in the NLU training data" warning is allowed for
them and only them.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from bot.runtime.stack import PROJECT_FILES

ROOT = Path(__file__).resolve().parent.parent
UNUSED = re.compile(r"The utterance '(utter_\w+)' is not used in any story or rule")
WARNING = re.compile(r"UserWarning: (.*)")
RASA_DEFAULT_RESPONSES = {"utter_default"}  # sent by action_default_fallback
NO_EXAMPLES = re.compile(r"The intent '(\w+)' is listed in the domain file, but is not found")
PAYLOAD_ONLY_INTENTS = {"feedback"}  # sent by web/chat.js as `/feedback`


def responses_sent_by_code() -> set:
    sent = set(RASA_DEFAULT_RESPONSES)
    for folder in ("actions", "bot"):
        for path in (ROOT / folder).rglob("*.py"):
            sent.update(re.findall(r"[\"'](utter_\w+)[\"']", path.read_text()))
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    for form in (domain.get("forms") or {}).values():
        sent.update(f"utter_ask_{slot}" for slot in form.get("required_slots", []))
    return sent


def check_lexicon() -> list:
    """The concept lexicon (data/lexicon) loads and every concept has words in de, fr and en."""
    from bot.language.concepts import Lexicon, LexiconError, action_words  # plain Python, no Rasa

    try:
        lexicon = Lexicon.load()
        action_words()  # data/action_words.yml, the actions' own concepts
    except LexiconError as error:
        return [str(error)]
    return [
        f"data/lexicon: concept '{name}' has no words in {', '.join(missing)}"
        for name, missing in lexicon.missing_languages().items()
    ]


def main() -> int:
    lexicon_problems = check_lexicon()
    if lexicon_problems:
        print("The concept lexicon has problems:")
        for problem in lexicon_problems:
            print("  -", problem)
        return 1
    rasa = Path(sys.executable).with_name("rasa")
    result = subprocess.run(
        [
            str(rasa),
            "data",
            "validate",
            *PROJECT_FILES,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    output = result.stdout + result.stderr
    allowed = responses_sent_by_code()
    problems = []
    for line in output.splitlines():
        warning = WARNING.search(line)
        if not warning:
            continue
        unused = UNUSED.search(line)
        if unused and unused.group(1) in allowed:
            continue
        no_examples = NO_EXAMPLES.search(line)
        if no_examples and no_examples.group(1) in PAYLOAD_ONLY_INTENTS:
            continue
        problems.append(warning.group(1))
    failed = result.returncode != 0
    if problems or failed:
        print("rasa data validate found problems:")
        for problem in problems:
            print("  -", problem)
        if failed:
            print(output[-3000:])
        return 1
    print(f"rasa data validate: no warnings ({len(allowed)} responses are sent from code).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
