"""Workflow actions: submit, withdraw, approve, send back; overriding an error finding."""
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views import View

from .. import workflow
from ..models import Disclosure, Finding
from .base import StaffRequiredMixin


class TransitionView(StaffRequiredMixin, View):
    """POST: perform the named transition on a disclosure the user can see.

    Submitting with open errors needs ``confirm=1``; without it the page comes back with the warning.
    """

    http_method_names = ["post"]

    def post(self, request, pk, name):
        disclosure = get_object_or_404(self.restrict(Disclosure.objects.all()), pk=pk)
        try:
            workflow.perform(disclosure, name, request.user, request.POST.get("comment", ""),
                             confirmed=request.POST.get("confirm") == "1")
        except workflow.NeedsConfirmation as exc:
            messages.warning(request, str(exc))
        except workflow.WorkflowError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"{disclosure}：{workflow.LABELS[name]}")
        return redirect("disclosures:disclosure", pk=pk)


class OverrideView(StaffRequiredMixin, View):
    """POST: a reviewer lets an error finding pass with a reason."""

    http_method_names = ["post"]

    def post(self, request, pk):
        finding = get_object_or_404(self.restrict(Finding.objects.all()), pk=pk)
        try:
            workflow.override(finding, request.user, request.POST.get("reason", ""))
        except workflow.WorkflowError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"已放行：{finding.message}")
        return redirect(f"{finding.disclosure.get_absolute_url()}#finding-{finding.pk}")
