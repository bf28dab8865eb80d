from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# How each record of this app reaches its disclosure, for the access rule.
DISCLOSURE_PATHS = {
    "Disclosure": "", "BudgetUnit": "disclosure", "Staffing": "disclosure", "BudgetTable": "disclosure",
    "BudgetLine": "disclosure", "LineAmount": "line__disclosure", "Project": "disclosure",
    "OtherMatter": "disclosure", "Section": "disclosure", "StatusChange": "disclosure", "Finding": "disclosure",
    "FindingOverride": "disclosure",
}


class DisclosuresConfig(AppConfig):
    name = "disclosures"
    verbose_name = _("预算公开")

    def ready(self):
        from budget_site import tables2

        from . import access, search

        tables2.install()

        for name, path in DISCLOSURE_PATHS.items():
            access.register(self.get_model(name), path)
        search.register_records()
