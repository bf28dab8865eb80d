"""The help page: how to import, every registered check, the workflow and the roles, read from the code."""
from django.views.generic import TemplateView

from .. import roles, workflow
from ..checks.registry import TOLERANCE_TITLES, families
from ..models import Disclosure, Finding
from .base import StaffRequiredMixin


def transitions():
    """The workflow's transitions as declared on the model: ``[(label, [source, ...], target), ...]``."""
    status = Disclosure._meta.get_field("status")
    labels = dict(Disclosure.Status.choices)
    result = []
    for name, label in workflow.LABELS.items():
        declared = [t for t in status.get_all_transitions(Disclosure) if t.name == name]
        sources = sorted({t.source for t in declared}, key=list(labels).index)
        result.append((label, [labels[s] for s in sources], labels[declared[0].target]))
    return result


class HelpView(StaffRequiredMixin, TemplateView):
    template_name = "disclosures/help.html"

    def get_context_data(self, **kwargs):
        severities = dict(Finding.Severity.choices)
        checks = [
            (letter, title, [(r, severities[r.severity], TOLERANCE_TITLES[r.tolerance]) for r in rules])
            for letter, title, rules in families()
        ]
        return super().get_context_data(
            families=checks, statuses=Disclosure.Status.choices, transitions=transitions(),
            roles=roles.ROLE_DESCRIPTIONS.items(), **kwargs,
        )
