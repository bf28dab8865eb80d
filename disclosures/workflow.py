"""The review workflow: draft → submitted → approved, or → returned with a comment → submitted again.

The transitions themselves are declared on :class:`~disclosures.models.Disclosure` with
django-fsm-2; this module performs them for a user, logs each one, says which are open and
why not, and lets a reviewer pass (放行) an error finding with a reason.
"""
from dataclasses import dataclass

from django.db import transaction
from django.db.models import OuterRef, Prefetch, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import can_proceed

from .models import Disclosure, Finding, FindingOverride, StatusChange

LABELS = {
    "submit": _("提交审核"),
    "withdraw": _("撤回"),
    "approve": _("审核通过"),
    "send_back": _("退回修改"),
}
COMMENT_REQUIRED = {"send_back"}
REVIEWS = {"approve", "send_back"}
NO_PERMISSION = {"withdraw": _("只有提交人可以撤回")}


class WorkflowError(Exception):
    """A transition the user may not, or cannot yet, perform."""


class NeedsConfirmation(WorkflowError):
    """A submission with open errors, not yet confirmed by the clerk."""


@dataclass
class Action:
    name: str
    label: str
    allowed: bool
    reason: str = ""
    warning: str = ""


def perform(disclosure, name, user, comment="", confirmed=False):
    """Move ``disclosure`` through transition ``name`` for ``user`` and log it.

    Submitting with open errors needs ``confirmed``: the clerk has seen the warning.
    """
    if name not in LABELS:
        raise WorkflowError(_("未知操作"))
    with transaction.atomic():
        disclosure = Disclosure.objects.select_for_update().get(pk=disclosure.pk)
        action = describe(disclosure, name, user)
        if not action.allowed:
            raise WorkflowError(action.reason)
        if name in COMMENT_REQUIRED and not comment.strip():
            raise WorkflowError(_("请填写退回意见"))
        if action.warning and not confirmed:
            raise NeedsConfirmation(_("%(warning)s。请确认后再提交。") % {"warning": action.warning})
        source = disclosure.status
        getattr(disclosure, name)()
        disclosure.save(update_fields=["status"])
        StatusChange.objects.create(
            disclosure=disclosure, transition=name, source=source, target=disclosure.status, by=user,
            comment=comment.strip(),
        )
    return disclosure


def describe(disclosure, name, user):
    """Whether ``user`` may perform ``name`` now, and if not, why (in words for the page)."""
    method = getattr(disclosure, name)
    label = LABELS[name]
    if not can_proceed(method, check_conditions=False):
        return Action(name, label, False, _("当前状态不能执行此操作"))
    if name in REVIEWS and disclosure.uploaded_by_id == user.pk:
        return Action(name, label, False, _("上传人不能审核自己上传的文件"))
    if not permitted(method, user):
        return Action(name, label, False, NO_PERMISSION.get(name, _("您没有执行此操作的权限")))
    if not can_proceed(method):
        return Action(name, label, False, _("还有 %(n)d 个错误未处理；请逐条说明理由后放行")
                      % {"n": disclosure.open_errors().count()})
    if name == "submit":
        count = disclosure.open_errors().count()
        if count:
            return Action(name, label, True, warning=_("还有 %(n)d 个错误未处理，审核员需逐条放行后才能通过")
                          % {"n": count})
    return Action(name, label, True)


def permitted(method, user):
    """The transition's permission alone: django-fsm's ``has_transition_perm`` checks conditions too."""
    meta, instance = method._django_fsm, method.__self__
    return meta.has_transition_perm(instance, meta.field.get_state(instance), user)


def actions(disclosure, user):
    """The transitions open from the disclosure's status, each allowed or with its reason."""
    return [describe(disclosure, name, user) for name in LABELS
            if can_proceed(getattr(disclosure, name), check_conditions=False)]


def with_latest_return(queryset):
    """``queryset`` with each returned disclosure's latest 退回 as ``latest_returns`` (a list of one).

    One query for the whole queryset, however many disclosures it holds.
    """
    latest = StatusChange.objects.filter(disclosure=OuterRef("disclosure"), transition="send_back")
    returns = (StatusChange.objects.filter(disclosure__status=Disclosure.Status.RETURNED)
               .filter(pk=Subquery(latest.order_by("-at", "-id").values("pk")[:1])).select_related("by"))
    return queryset.prefetch_related(Prefetch("status_changes", queryset=returns, to_attr="latest_returns"))


def override_refusal(finding, user):
    """Why ``user`` may not pass ``finding``, or "" if they may."""
    if finding.severity != Finding.Severity.ERROR:
        return _("只有错误需要放行")
    if finding.overridden:
        return _("该错误已放行")
    return reviewer_refusal(finding.disclosure, user)


def reviewer_refusal(disclosure, user):
    """Why ``user`` may not pass any error of ``disclosure``, or "" if they may (four eyes)."""
    if not user.has_perm("disclosures.approve_disclosure"):
        return _("只有审核员可以放行错误")
    if disclosure.status != Disclosure.Status.SUBMITTED:
        return _("只有已提交的文件可以放行错误")
    if disclosure.uploaded_by_id == user.pk:
        return _("上传人不能放行自己上传文件的错误")
    return ""


def override(finding, user, reason):
    """A reviewer lets an error finding of a submitted disclosure pass, giving the reason; logged."""
    with transaction.atomic():
        finding = Finding.objects.select_for_update().select_related("disclosure").get(pk=finding.pk)
        refusal = override_refusal(finding, user)
        if refusal:
            raise WorkflowError(refusal)
        if not reason.strip():
            raise WorkflowError(_("请填写放行理由"))
        finding.overridden_by = user
        finding.override_reason = reason.strip()
        finding.overridden_at = timezone.now()
        finding.save(update_fields=["overridden_by", "override_reason", "overridden_at"])
        FindingOverride.objects.create(disclosure=finding.disclosure, rule=finding.rule, key=finding.key,
                                       message=finding.message, by=user, reason=finding.override_reason)
    return finding
