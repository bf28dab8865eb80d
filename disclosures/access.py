"""Who may view, change or delete which records: the one rule every door asks.

Like NetBox's ``RestrictedQuerySet.restrict(user, action)``: review pages, the admin, exports
and commands narrow their querysets with :func:`restrict` and test single records with
:func:`may`. A record is reached through its disclosure, whose department and status decide:

- view: the model's view permission, and the disclosure's department is one of the user's (or the
  user uploaded it); reviewers and managers see every department;
- change / delete: the model's permission, the disclosure's department one of the user's (managers:
  any), and the disclosure still editable (a draft or returned); nothing of a submitted or approved
  disclosure changes outside a transition.

Models register the path from themselves to their :class:`~disclosures.models.Disclosure`
(:func:`register`, from their app's ``AppConfig.ready()``). Status changes only through
``disclosures.workflow``; importing is decided by :func:`import_refusal`.
"""
from django.db.models import Q
from django.utils.translation import gettext as _

from .roles import MANAGER

VIEW, CHANGE, DELETE = "view", "change", "delete"
ACTIONS = (VIEW, CHANGE, DELETE)

_paths = {}


def register(model, disclosure_path):
    """Declare how ``model`` reaches its disclosure (``""`` for the Disclosure model itself)."""
    _paths[model] = disclosure_path


def disclosure_path(model):
    try:
        return _paths[model]
    except KeyError:
        raise LookupError(f"{model._meta.label} is not registered with disclosures.access") from None


def disclosure_of(obj):
    """The disclosure a record belongs to, following its registered path."""
    for name in filter(None, disclosure_path(type(obj)).split("__")):
        obj = getattr(obj, name)
    return obj


def is_manager(user):
    return user.is_superuser or user.groups.filter(name=MANAGER).exists()


def sees_everything(user):
    """Reviewers and managers see every department's records; clerks only their own."""
    if not getattr(user, "is_authenticated", False):
        return False
    if not hasattr(user, "_sees_everything"):
        user._sees_everything = user.has_perm("disclosures.approve_disclosure") or is_manager(user)
    return user._sees_everything


def may_act(user, action, model):
    """The model-level permission of ``action`` on ``model``, for an active staff user."""
    if not (getattr(user, "is_authenticated", False) and user.is_active and user.is_staff):
        return False
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")


def _field(path, name):
    return f"{path}__{name}" if path else name


def own_departments(user):
    """The departments whose records a clerk sees: those they are responsible for, and their uploads'."""
    from .models import Department, Disclosure

    uploaded = Disclosure.objects.filter(uploaded_by=user).values("department")
    return Department.objects.filter(Q(pk__in=user.departments.values("pk")) | Q(pk__in=uploaded))


def visible_disclosures(user):
    """The disclosure filter for a user who does not see everything: their departments', their uploads."""
    return Q(department__in=user.departments.all()) | Q(uploaded_by=user)


def restrict(queryset, user, action=VIEW):
    """``queryset`` narrowed to the records ``user`` may ``action``."""
    from .models import Department, Disclosure, ImportJob, PendingImport

    if action not in ACTIONS:
        raise ValueError(action)
    model = queryset.model
    if not may_act(user, action, model):
        return queryset.none()
    if model is Department:
        if sees_everything(user):
            return queryset
        return queryset.filter(pk__in=own_departments(user).values("pk"))
    if model in (PendingImport, ImportJob):
        return queryset if is_manager(user) else queryset.filter(uploaded_by=user)
    path = disclosure_path(model)
    condition = Q()
    if action != VIEW:
        condition &= Q(**{_field(path, "status__in"): Disclosure.EDITABLE_STATUSES})
        if not is_manager(user):
            condition &= Q(**{_field(path, "department__in"): user.departments.all()})
    elif not sees_everything(user):
        condition &= Q(**{_field(path, "pk__in"): Disclosure.objects.filter(visible_disclosures(user))})
    return queryset.filter(condition)


def may(user, action, obj):
    """Whether ``user`` may ``action`` the saved record ``obj``."""
    if obj is None or obj.pk is None:
        return may_act(user, action, type(obj)) if obj is not None else False
    return restrict(type(obj)._default_manager.filter(pk=obj.pk), user, action).exists()


def import_refusal(user, department_name):
    """Why ``user`` may not import a disclosure of ``department_name``, or ``""`` if they may.

    A clerk imports for the departments they are responsible for; a department not yet on record
    becomes theirs (the first import of a department needs no manager). A department already on
    record is never taken over: its current version is replaced only by its own staff or a manager.
    ``user`` None is the server's operator (a management command run without ``--user``).
    """
    from .models import Department, Disclosure

    if user is None:
        return ""
    if not may_act(user, "add", Disclosure):
        return _("您没有导入公开文件的权限。")
    if is_manager(user):
        return ""
    department = Department.objects.filter(name=department_name).first()
    if department is None or department.members.filter(pk=user.pk).exists():
        return ""
    return _("您不是“%(department)s”的负责人员，不能为其导入；请联系管理员分配。") % {"department": department_name}


def claim_department(user, department):
    """Make the importing clerk responsible for a department they just created by importing."""
    if user is not None and not is_manager(user):
        department.members.add(user)
