"""Run okrdesk with ``python -m okrdesk``."""

from okrdesk.cli import main

raise SystemExit(main())
