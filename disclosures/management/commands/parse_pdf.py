"""``manage.py parse_pdf FILE.pdf [-o OUT.json]``: print a disclosure's JSON; no database."""
import json
import sys

from django.core.management.base import BaseCommand, CommandError

from disclosures.parsing import ParseError, parse


class Command(BaseCommand):
    help = "Parse a budget disclosure PDF and print its disclosure-v1 JSON (touches no database)."
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("file", help="the disclosure PDF")
        parser.add_argument("-o", "--output", help="write the JSON to this file instead of stdout")
        parser.add_argument(
            "--summary", action="store_true", help="print a short summary instead of the JSON"
        )

    def handle(self, *args, **options):
        try:
            result = parse(options["file"])
        except ParseError as exc:
            raise CommandError(f"{options['file']}: {exc.message}") from None
        if options["summary"]:
            self.stdout.write(summary(result))
            return
        text = json.dumps(result, ensure_ascii=False, indent=2)
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as fh:
                fh.write(text + "\n")
        else:
            sys.stdout.write(text + "\n")


def summary(result):
    """A few lines saying what the parse found."""
    doc = result["document"]
    lines = [
        f"{doc['department']} {doc['fiscal_year']} 年 {doc['kind']}，单位：{doc['amount_unit']}",
        f"表格 {len(result['tables'])} 张：",
    ]
    for table in result["tables"]:
        pages = ",".join(str(p) for p in table["pages"])
        lines.append(f"  表{table['number']} {table['title']}（第 {pages} 页）{len(table['lines'])} 行")
    indicators = sum(len(t["indicators"]) for t in result["performance_targets"])
    lines.append(f"项目说明 {len(result['projects'])} 个；绩效目标表 {len(result['performance_targets'])} 张，指标 {indicators} 个")
    for warning in result["warnings"]:
        lines.append(f"警告：{warning}")
    return "\n".join(lines)
