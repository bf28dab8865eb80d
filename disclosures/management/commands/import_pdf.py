"""``manage.py import_pdf [--queue [--wait]] FILE...``: parse and save disclosures, one transaction per file.

With ``--queue`` each file becomes an ImportJob that a Celery worker imports; ``--wait`` waits for the
jobs and prints their outcomes. A file that cannot be imported is reported in one line on stderr; any
failure makes the exit status non-zero.
"""
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from disclosures import imports, tasks
from disclosures.management.users import add_user_argument, command_user
from disclosures.models import ImportJob
from disclosures.parsing import ParseError

POLL_SECONDS = 0.5


class Command(BaseCommand):
    help = "Import disclosure PDFs (or disclosure-v1 JSON files) into the records."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="PDF or JSON files")
        parser.add_argument("--queue", action="store_true", help="交给后台导入（Celery 工作进程）")
        parser.add_argument("--wait", action="store_true", help="与 --queue 同用：等待后台导入完成并报告结果")
        add_user_argument(parser, "导入（并记为上传人）")

    def handle(self, *args, **options):
        files = options["files"]
        user = command_user(options["user"])
        if options["wait"] and not options["queue"]:
            raise CommandError("--wait 只能与 --queue 同用")
        if options["queue"]:
            failed = self.queue(files, user, options["wait"])
        else:
            failed = self.import_now(files, user)
        if failed:
            raise CommandError(f"{failed} 个文件导入失败（共 {len(files)} 个）")

    def import_now(self, files, user):
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
        return failed

    def queue(self, files, user, wait):
        failed, jobs = 0, {}
        for name in files:
            try:
                jobs[name] = tasks.enqueue(Path(name), user)
            except ParseError as exc:
                failed += 1
                self.stderr.write(f"{name}: 失败 — {exc.message}")
        for name, job in jobs.items():
            job = self.latest(job, wait)
            if job.status == ImportJob.Status.FAILED:
                failed += 1
                self.stderr.write(f"{name}: 失败 — {job.message}")
            elif job.status == ImportJob.Status.SAVED:
                self.stdout.write(f"{name}: {job.get_outcome_display()} — {job.disclosure}（ID {job.disclosure_id}）")
            else:
                self.stdout.write(f"{name}: {job.get_status_display()}（后台导入 ID {job.pk}）")
        return failed

    def latest(self, job, wait):
        """The job as it is now; with ``wait``, once it has finished."""
        while True:
            job = ImportJob.objects.select_related("disclosure").get(pk=job.pk)
            if job.finished or not wait:
                return job
            time.sleep(POLL_SECONDS)

    def progress(self, index, total, name):
        width = 30
        done = int(width * (index - 1) / total)
        bar = "#" * done + "-" * (width - done)
        self.stderr.write(f"\r[{bar}] {index}/{total} {Path(name).name[:40]}", ending="")
