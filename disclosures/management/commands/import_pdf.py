"""``manage.py import_pdf FILE...``: parse and save disclosures, one transaction per file.

A file that cannot be imported is reported in one line on stderr; any failure makes the exit status non-zero.
"""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from disclosures import imports
from disclosures.management.users import add_user_argument, command_user
from disclosures.parsing import ParseError


class Command(BaseCommand):
    help = "Import disclosure PDFs (or disclosure-v1 JSON files) into the records."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="PDF or JSON files")
        add_user_argument(parser, "导入（并记为上传人）")

    def handle(self, *args, **options):
        files = options["files"]
        user = command_user(options["user"])
        failed = 0
        for index, name in enumerate(files, start=1):
            self.progress(index, len(files), name)
            try:
                result = imports.import_file(name, user)
            except ParseError as exc:
                failed += 1
                self.stderr.write(f"\n{name}: 失败 — {exc.message}")  # after the progress line
            else:
                self.stdout.write(f"{name}: {result.label} — {result.disclosure}（ID {result.disclosure.pk}）")
        self.stderr.write("")
        if failed:
            raise CommandError(f"{failed} 个文件导入失败（共 {len(files)} 个）")

    def progress(self, index, total, name):
        width = 30
        done = int(width * (index - 1) / total)
        bar = "#" * done + "-" * (width - done)
        self.stderr.write(f"\r[{bar}] {index}/{total} {Path(name).name[:40]}", ending="")
