"""``python -m api`` is the ``onetap`` command."""

from api.cli import main

main()
