from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PerformanceConfig(AppConfig):
    name = "performance"
    verbose_name = _("绩效目标")

    def ready(self):
        """Plug the performance targets into disclosures: access paths, the parser, the part, the check
        rules, the search."""
        from disclosures import access, search
        from disclosures.models import Disclosure
        from disclosures.parsing import parts
        from disclosures.parts import register_part

        from . import checks  # noqa: F401 — imported to register its rules
        from .parsing import parse_targets
        from .parts import PART

        access.register(self.get_model("PerformanceTarget"), "disclosure")
        access.register(self.get_model("Indicator"), "target__disclosure")
        # Every parse run in this project (parse_pdf, imports, the admin, tests) reads the targets.
        parts.register("performance_targets", parse_targets)
        register_part(PART)
        search.register_kind(search.Kind(
            "indicator", _("绩效指标"), self.get_model("Indicator"), ("name",), title=lambda i: i.name,
            url=lambda i: i.target.disclosure.get_absolute_url(), detail=lambda i: i.target.project,
            more=search.filtered_list("performance:indicator_list"), related=("target__disclosure__department",),
            defer=tuple(f"target__disclosure__{name}" for name in Disclosure.HEAVY_FIELDS),
        ))
