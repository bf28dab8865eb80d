"""``manage.py export_disclosure ID -o FILE.json``: write a disclosure as disclosure-v1 JSON."""
import json
import sys

from django.core.management.base import BaseCommand, CommandError

from disclosures.interchange import export
from disclosures.management.users import add_user_argument, command_user, visible
from disclosures.models import Disclosure


class Command(BaseCommand):
    help = "Export one disclosure as disclosure-v1 JSON."

    def add_arguments(self, parser):
        parser.add_argument("id", type=int, help="the disclosure's ID")
        parser.add_argument("-o", "--output", help="the JSON file to write (default: stdout)")
        add_user_argument(parser, "导出")

    def handle(self, *args, **options):
        try:
            queryset = visible(Disclosure.objects.select_related("department"), command_user(options["user"]))
            disclosure = queryset.get(pk=options["id"])
        except Disclosure.DoesNotExist:
            raise CommandError(f"没有 ID 为 {options['id']} 的公开文件") from None
        text = json.dumps(export(disclosure), ensure_ascii=False, indent=2) + "\n"
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as fh:
                fh.write(text)
        else:
            sys.stdout.write(text)
