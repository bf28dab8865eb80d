from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PerformanceConfig(AppConfig):
    name = "performance"
    verbose_name = _("绩效目标")

    def ready(self):
        from disclosures import access
        from disclosures.parsing import parts

        from .parsing import parse_targets

        access.register(self.get_model("PerformanceTarget"), "disclosure")
        access.register(self.get_model("Indicator"), "target__disclosure")
        # Every parse run in this project (parse_pdf, imports, the admin, tests) reads the targets.
        parts.register("performance_targets", parse_targets)
