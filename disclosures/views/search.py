"""The search page: one box, results grouped by kind, each group capped (see disclosures.search)."""
from django.views.generic import TemplateView

from .. import search
from .base import StaffRequiredMixin


class SearchView(StaffRequiredMixin, TemplateView):
    template_name = "disclosures/search.html"

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "").strip()
        return super().get_context_data(
            query=query, groups=search.search(self.request.user, query), limit=search.LIMIT, **kwargs
        )
