"""Command-line tools of `make`; run them from the repository root as `python -m scripts.<name>`."""
