"""The dashboard: every visible disclosure with its status and findings, and what awaits you."""
from django.db.models import Count, Q
from django.views.generic import TemplateView

from .. import workflow
from ..access import sees_everything
from ..models import Disclosure
from .base import StaffRequiredMixin


def with_finding_counts(queryset):
    return queryset.annotate(
        error_count=Count("findings", filter=Q(findings__severity="error", findings__overridden_by__isnull=True)),
        warning_count=Count("findings", filter=Q(findings__severity="warning")),
        info_count=Count("findings", filter=Q(findings__severity="info")),
    )


def status_summary(queryset):
    """[(status, label, count)] for every status, zeros included."""
    counts = dict(queryset.order_by().values_list("status").annotate(n=Count("id")))
    return [(value, label, counts.get(value, 0)) for value, label in Disclosure.Status.choices]


class DashboardView(StaffRequiredMixin, TemplateView):
    template_name = "disclosures/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        visible = (
            self.restrict(Disclosure.objects.all())
            .select_related("department", "uploaded_by")
            .defer("parsed", "warnings")  # the parsed original can be megabytes; not shown here
        )
        current = with_finding_counts(visible.filter(is_current=True)).order_by(
            "department__name", "-fiscal_year", "kind"
        )
        awaiting = Disclosure.objects.none()
        if user.has_perm("disclosures.approve_disclosure"):
            awaiting = visible.filter(status=Disclosure.Status.SUBMITTED).exclude(uploaded_by=user)
        elif user.has_perm("disclosures.submit_disclosure"):
            awaiting = visible.filter(status__in=Disclosure.EDITABLE_STATUSES, is_current=True)
        context.update(
            disclosures=workflow.with_latest_return(current),
            awaiting=workflow.with_latest_return(with_finding_counts(awaiting).order_by("uploaded_at")),
            status_summary=status_summary(visible.filter(is_current=True)),
            reviewer=user.has_perm("disclosures.approve_disclosure"),
            everything=sees_everything(user),
        )
        return context
