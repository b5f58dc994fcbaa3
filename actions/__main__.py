"""Start the action server: `python -m actions [rasa_sdk options]`.

The facts store is loaded and validated first. An invalid store stops the server with the
loader's message (file and field), instead of a server that answers wrongly."""

from __future__ import annotations

import sys


def main() -> int:
    from bot.facts import FactsError

    try:
        import actions.store  # noqa: F401  (loads and validates the store once)
    except FactsError as error:
        print(f"Refusing to start the action server: invalid facts store.\n{error}", file=sys.stderr)
        return 2

    from rasa_sdk.__main__ import main_from_args
    from rasa_sdk.endpoint import create_argument_parser

    args = create_argument_parser().parse_args()
    if args.actions is None or args.actions == "actions":
        args.actions = "actions"
    main_from_args(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
