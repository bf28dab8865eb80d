"""``manage.py run_checks [ID ...] [--json]``: run the checks and print the findings."""
import json

from django.core.management.base import BaseCommand, CommandError

from disclosures.checks import run_checks
from disclosures.management.users import add_user_argument, command_user, visible
from disclosures.models import Disclosure


def as_dict(finding):
    def amount(value):
        return None if value is None else f"{value.normalize():f}"

    return {
        "disclosure": finding.disclosure_id,
        "rule": finding.rule,
        "title": finding.title,
        "severity": finding.severity,
        "message": finding.message,
        "expected": amount(finding.expected),
        "actual": amount(finding.actual),
        "difference": amount(finding.difference),
        "records": records(finding),
        "overridden": finding.overridden,
    }


def records(finding):
    """The records a finding links to, by their codes and names."""
    found = [{"table": f"表{line.table.number}", "code": line.code, "name": line.name,
              **({"unit": line.unit_name} if line.unit_name else {}),
              **({"project": line.project} if line.project else {})}
             for line in finding.lines.select_related("table").order_by("table__order", "order")]
    if finding.table_id and not found:
        found.append({"table": f"表{finding.table.number}", "name": finding.table.title})
    for attr, label in (("project", "项目"), ("target", "绩效目标"), ("indicator", "绩效指标"), ("section", "说明")):
        obj = getattr(finding, attr)
        if obj is not None:
            found.append({"kind": label, "name": str(obj)})
    return found


class Command(BaseCommand):
    help = "运行勾稽关系检查并列出发现（不给 ID 时检查全部当前版本）。"

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="公开文件 ID")
        parser.add_argument("--json", action="store_true", help="以一个 JSON 列表输出")
        add_user_argument(parser, "检查")

    def handle(self, *args, **options):
        disclosures = visible(Disclosure.objects.select_related("department").order_by("pk"),
                              command_user(options["user"]))
        if options["ids"]:
            disclosures = disclosures.filter(pk__in=options["ids"])
            missing = set(options["ids"]) - set(disclosures.values_list("pk", flat=True))
            if missing:
                raise CommandError(f"没有这些公开文件：{', '.join(map(str, sorted(missing)))}")
        else:
            disclosures = disclosures.filter(is_current=True)
        results = [(d, run_checks(d)) for d in disclosures]
        if options["json"]:
            data = [as_dict(f) for _, findings in results for f in findings]
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        for disclosure, findings in results:
            counts = {s: sum(f.severity == s for f in findings) for s in ("error", "warning", "info")}
            self.stdout.write(f"#{disclosure.pk} {disclosure}：错误 {counts['error']}，警告 {counts['warning']}，"
                              f"提示 {counts['info']}")
            for finding in findings:
                self.stdout.write(line_of(finding))


def line_of(finding):
    data = as_dict(finding)
    amounts = "，".join(f"{label} {data[key]}" for key, label in (("actual", "印出"), ("expected", "应为"),
                                                                 ("difference", "差额")) if data[key] is not None)
    where = "；".join(" ".join(str(v) for v in r.values()) for r in data["records"])
    parts = [f"  [{finding.rule} {finding.get_severity_display()}] {finding.message}"]
    if amounts:
        parts.append(f"    {amounts}")
    if where:
        parts.append(f"    涉及：{where}")
    return "\n".join(parts)
