"""``manage.py export_datapackage ID [ID ...] -o DIR``: write disclosures as a Fiscal Data Package."""
from django.core.management.base import BaseCommand, CommandError

from disclosures.exports.datapackage import write_package
from disclosures.management.users import add_user_argument, command_user, visible
from disclosures.models import Disclosure


class Command(BaseCommand):
    help = "Export disclosures as a Fiscal Data Package (datapackage.json and budget-lines.csv) into DIR."

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="+", type=int, metavar="ID", help="the disclosures' IDs")
        parser.add_argument("-o", "--output", required=True, metavar="DIR", help="the folder to write into")
        add_user_argument(parser, "导出")

    def handle(self, *args, **options):
        queryset = visible(Disclosure.objects.select_related("department").defer(*Disclosure.HEAVY_FIELDS),
                           command_user(options["user"]))
        found = queryset.in_bulk(options["ids"])
        missing = [str(pk) for pk in options["ids"] if pk not in found]
        if missing:
            raise CommandError(f"没有 ID 为 {'、'.join(missing)} 的公开文件")
        disclosures = [found[pk] for pk in dict.fromkeys(options["ids"])]
        try:
            path = write_package(disclosures, options["output"])
        except OSError as error:
            raise CommandError(f"无法写入目录 {options['output']}：{error.strerror or error}") from None
        self.stdout.write(str(path))
