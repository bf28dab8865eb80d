"""The dashboard: every visible disclosure with its status and findings, and what awaits you, a page at a time.

Whatever the number of disclosures, a page costs the same: the rows of one page are read in an
indexed order, and each row's finding counts are read from the index on (disclosure, severity,
overridden_by) for that row alone (correlated subqueries over the page's rows), so
they are right after every import, rerun of the checks, edit and 放行 without being stored twice.
"""
from django.core.paginator import Paginator
from django.db.models import Count
from django.views.generic import TemplateView

from .. import workflow
from ..access import sees_everything
from ..models import Disclosure, Finding
from ..paging import related_count
from .base import StaffRequiredMixin

PER_PAGE = 50
AWAITING_SHOWN = 20


def finding_count(**conditions):
    """The number of the row's findings matching ``conditions``, as a subquery."""
    return related_count(Finding.objects.filter(**conditions), "disclosure")


def with_finding_counts(queryset):
    """Open errors (not yet passed), warnings and infos of each disclosure."""
    return queryset.annotate(
        error_count=finding_count(severity="error", overridden_by__isnull=True),
        warning_count=finding_count(severity="warning"),
        info_count=finding_count(severity="info"),
    )


def status_summary(queryset):
    """[(status, label, count)] for every status, zeros included."""
    counts = dict(queryset.order_by().values_list("status").annotate(n=Count("*")))  # index-only
    return [(value, label, counts.get(value, 0)) for value, label in Disclosure.Status.choices]


def rows(queryset):
    """What the disclosure table shows of each row: its counts and its latest 退回."""
    return workflow.with_latest_return(with_finding_counts(queryset))


class DashboardView(StaffRequiredMixin, TemplateView):
    template_name = "disclosures/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        visible = (
            self.restrict(Disclosure.objects.all())
            .select_related("department", "uploaded_by")
            .defer(*Disclosure.HEAVY_FIELDS)
        )
        current = visible.filter(is_current=True).order_by("department__name", "-fiscal_year", "kind", "pk")
        awaiting = Disclosure.objects.none()
        if user.has_perm("disclosures.approve_disclosure"):
            awaiting = visible.filter(status=Disclosure.Status.SUBMITTED).exclude(uploaded_by=user)
        elif user.has_perm("disclosures.submit_disclosure"):
            awaiting = visible.filter(status__in=Disclosure.EDITABLE_STATUSES, is_current=True)
        page = Paginator(current.select_related(None).only("pk"), PER_PAGE).get_page(self.request.GET.get("page"))
        # The page's rows read again with their counts: annotated on the paged query, the counts
        # would be computed for every row the offset skips too.
        page.object_list = rows(current.filter(pk__in=[d.pk for d in page.object_list]))
        context.update(
            page=page,
            awaiting=rows(awaiting.order_by("uploaded_at", "pk")[:AWAITING_SHOWN]),
            awaiting_count=awaiting.count(),
            status_summary=status_summary(visible.filter(is_current=True)),
            reviewer=user.has_perm("disclosures.approve_disclosure"),
            everything=sees_everything(user),
        )
        return context
