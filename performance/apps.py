from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PerformanceConfig(AppConfig):
    name = "performance"
    verbose_name = _("绩效目标")

    def ready(self):
        """Plug the performance targets into disclosures: access paths, the part, the check rules."""
        from disclosures import access
        from disclosures.parts import register_part

        from . import checks  # noqa: F401 — imported to register its rules
        from .parts import PART

        access.register(self.get_model("PerformanceTarget"), "disclosure")
        access.register(self.get_model("Indicator"), "target__disclosure")
        register_part(PART)
