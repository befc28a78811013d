"""Run okrdesk with ``python -m okrdesk`` (the same as the ``okrdesk`` command)."""

from okrdesk.launch import main

if __name__ == "__main__":
    raise SystemExit(main())
