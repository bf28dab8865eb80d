"""``--user NAME`` for the commands: act as a staff account, so the access rule applies as on the site.

Without it a command acts as the server's operator, who sees everything.
"""
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from disclosures import access


def add_user_argument(parser, action):
    parser.add_argument("--user", help=f"{action}时以该工作人员账号的权限进行（访问规则同网站）")


def command_user(username):
    """The active staff account ``username``, or None for the operator."""
    if username is None:
        return None
    try:
        return get_user_model().objects.get(username=username, is_active=True, is_staff=True)
    except get_user_model().DoesNotExist:
        raise CommandError(f"没有名为“{username}”的在职工作人员账号") from None


def visible(queryset, user):
    """``queryset`` as ``user`` may view it (everything for the operator)."""
    return queryset if user is None else access.restrict(queryset, user, access.VIEW)
