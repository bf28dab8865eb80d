from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PerformanceConfig(AppConfig):
    name = "performance"
    verbose_name = _("绩效目标")

    def ready(self):
        """Plug the performance targets into disclosures: access paths, the parser, the part, the check rules."""
        from disclosures import access
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
