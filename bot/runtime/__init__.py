"""Running the assistant: its processes (`stack.Stack`) and the chat page's web server.

Used by `make run` (scripts/run.py), the integration tests and the benchmarks. Nothing on the
Rasa side or in the action server imports it.
"""
