from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PerformanceConfig(AppConfig):
    name = "performance"
    verbose_name = _("绩效目标")

    def ready(self):
        from disclosures import access

        access.register(self.get_model("PerformanceTarget"), "disclosure")
        access.register(self.get_model("Indicator"), "target__disclosure")
