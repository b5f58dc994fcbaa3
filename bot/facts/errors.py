"""The one exception the facts store raises."""


class FactsError(Exception):
    """The store is invalid. The message names the file and the field path of each problem,
    one per line, e.g. ``data/facts/cities.yml: cities.metz.facts.mayor.text.fr: field required``.
    """

    def __init__(self, problems: list[str] | str) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))
