#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""
import os
import sys

# Commands that serve requests, or judge the configuration that will, need the real SECRET_KEY; the
# others (parse_pdf, import_pdf, migrate, …) sign nothing that outlives them and may run on a throw-away
# key (budget_site.settings).
NEEDS_SECRET_KEY = {"runserver", "check"}


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "budget_site.settings")
    if len(sys.argv) > 1 and sys.argv[1] not in NEEDS_SECRET_KEY:
        os.environ.setdefault("BUDGET_RECORDS_OFFLINE_COMMAND", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
