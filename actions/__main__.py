"""Start the action server: `python -m actions [rasa_sdk options]`.

The facts store is loaded and validated first. An invalid store stops the server with the
loader's message (file and field), instead of a server that answers wrongly.

The server listens on 127.0.0.1 (SANIC_HOST overrides it, e.g. in a container) and answers
only requests with the shared token QP_ACTION_TOKEN (actions/server.py); without a token it
refuses to start. `make run` generates the token and gives it to Rasa."""

from __future__ import annotations

import os
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
    from rasa_sdk.plugin import plugin_manager

    from actions.server import TOKEN_ENV, ActionServerGuard, token_from_environment

    args = create_argument_parser().parse_args()
    token = token_from_environment()
    if token is None:
        print(
            f"Refusing to start the action server: set {TOKEN_ENV} to the token that Rasa "
            "sends (endpoints.yml action_endpoint.headers; `make run` does this).",
            file=sys.stderr,
        )
        return 2
    plugin_manager().register(ActionServerGuard(token))
    os.environ.setdefault("SANIC_HOST", "127.0.0.1")
    if args.actions is None or args.actions == "actions":
        args.actions = "actions"
    main_from_args(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
