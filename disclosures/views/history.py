"""A disclosure's history: every correction, workflow transition and 放行, newest first."""
from django.views.generic import DetailView

from ..models import Disclosure
from ..timeline import timeline
from .base import StaffRequiredMixin


class HistoryView(StaffRequiredMixin, DetailView):
    template_name = "disclosures/history.html"
    context_object_name = "disclosure"

    def get_queryset(self):
        return self.restrict(Disclosure.objects.select_related("department").defer("parsed"))

    def get_context_data(self, **kwargs):
        return super().get_context_data(entries=timeline(self.object), **kwargs)
