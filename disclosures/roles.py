"""The staff roles as Django groups: which model permissions each one holds."""
from django.utils.translation import gettext_lazy as _

CLERK = "录入员"
REVIEWER = "审核员"
MANAGER = "管理员"

RECORD_MODELS = {
    "disclosures": ("department", "disclosure", "budgetunit", "staffing", "budgettable", "budgetline",
                    "lineamount", "project", "othermatter", "section", "pendingimport", "finding",
                    "findingoverride", "statuschange"),
    "performance": ("performancetarget", "indicator"),
}
# What a clerk adds and changes (within the access rule); departments and their staff are the managers'.
EDITABLE = {"budgetline", "lineamount", "project", "performancetarget", "indicator", "disclosure",
            "pendingimport", "budgetunit"}
# The background imports, which only workers change: clerks and managers read them (a clerk only their own).
JOB_VIEW = [("disclosures", "view_importjob")]

ROLE_DESCRIPTIONS = {
    CLERK: _("导入并录入、更正数据，提交审核"),
    REVIEWER: _("查看全部数据，审核通过或退回"),
    MANAGER: _("管理全部数据与流程"),
}


def role_permissions():
    """Group name → list of (app_label, codename)."""
    view = [(app, f"view_{m}") for app, models in RECORD_MODELS.items() for m in models]
    edit = [
        (app, f"{action}_{m}")
        for app, models in RECORD_MODELS.items()
        for m in models
        if m in EDITABLE
        for action in ("add", "change")
    ]
    every = [
        (app, f"{action}_{m}")
        for app, models in RECORD_MODELS.items()
        for m in models
        for action in ("add", "change", "delete", "view")
    ]
    workflow_submit = [("disclosures", "submit_disclosure")]
    workflow_approve = [("disclosures", "approve_disclosure"), ("disclosures", "change_finding")]
    return {
        CLERK: view + edit + workflow_submit + JOB_VIEW,
        REVIEWER: view + workflow_approve,
        MANAGER: every + workflow_submit + workflow_approve + JOB_VIEW,
    }


def sync_groups(apps):
    """Create or update the role groups with the permissions that exist at this migration."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for name, perms in role_permissions().items():
        group, _ = group_model.objects.get_or_create(name=name)
        wanted = [p for p in permission_model.objects.select_related("content_type")
                  if (p.content_type.app_label, p.codename) in set(perms)]
        group.permissions.set(wanted)
