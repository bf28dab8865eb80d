"""The review workflow: draft → submitted → approved, or back to draft with a comment.

The transitions themselves are declared on :class:`~disclosures.models.Disclosure` with
django-fsm-2; this module performs them for a user, logs each one, and says which are open.
"""
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import can_proceed, has_transition_perm

from .models import Disclosure, StatusChange

LABELS = {
    "submit": _("提交审核"),
    "approve": _("审核通过"),
    "send_back": _("退回修改"),
}
COMMENT_REQUIRED = {"send_back"}


class WorkflowError(Exception):
    """A transition the user may not, or cannot yet, perform."""


@dataclass
class Action:
    name: str
    label: str
    allowed: bool
    reason: str = ""


def perform(disclosure, name, user, comment=""):
    """Move ``disclosure`` through transition ``name`` for ``user`` and log it."""
    if name not in LABELS:
        raise WorkflowError(_("未知操作"))
    with transaction.atomic():
        disclosure = Disclosure.objects.select_for_update().get(pk=disclosure.pk)
        method = getattr(disclosure, name)
        action = describe(disclosure, name, user)
        if not action.allowed:
            raise WorkflowError(action.reason)
        if name in COMMENT_REQUIRED and not comment.strip():
            raise WorkflowError(_("请填写退回意见"))
        source = disclosure.status
        method()
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
    if not has_transition_perm(method, user):
        if name != "submit" and disclosure.uploaded_by_id == user.pk:
            return Action(name, label, False, _("上传人不能审核自己上传的文件"))
        return Action(name, label, False, _("您没有执行此操作的权限"))
    if not can_proceed(method):
        count = disclosure.open_errors().count()
        return Action(name, label, False, _("还有 %(n)d 个错误未处理；请逐条说明理由后放行") % {"n": count})
    return Action(name, label, True)


def actions(disclosure, user):
    """The transitions open from the disclosure's status, each allowed or with its reason."""
    return [describe(disclosure, name, user) for name in LABELS
            if can_proceed(getattr(disclosure, name), check_conditions=False)]


def override(finding, user, reason):
    """A reviewer lets an error finding pass, giving the reason."""
    if not user.has_perm("disclosures.approve_disclosure"):
        raise WorkflowError(_("只有审核员可以放行错误"))
    if not reason.strip():
        raise WorkflowError(_("请填写放行理由"))
    finding.overridden_by = user
    finding.override_reason = reason.strip()
    finding.overridden_at = timezone.now()
    finding.save(update_fields=["overridden_by", "override_reason", "overridden_at"])
