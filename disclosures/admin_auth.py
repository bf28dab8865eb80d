"""The admin's user and group forms with permissions named in Chinese.

Django stores a default permission's name in English when it is created ("Can add access log"),
so the permission pickers would list them in English. These forms name each one by its action and
the model's translated verbose name (可修改 预算行), a history model as its model's 修改记录; other
permissions keep their own names.
"""
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.utils.translation import gettext_lazy as _

ACTIONS = {"add": _("可添加"), "change": _("可修改"), "delete": _("可删除"), "view": _("可查看")}


def model_name(model_class):
    """A model's translated name; a history model (django-simple-history names it "historical …" in
    English) as its model's 修改记录."""
    base = getattr(model_class, "instance_type", None)
    if base is not None:
        return _("%(model)s（修改记录）") % {"model": base._meta.verbose_name}
    return model_class._meta.verbose_name


def permission_label(permission):
    """``登录防护 | 登录记录 | 可添加 登录记录`` for ``axes.add_accesslog``."""
    action, _sep, model = permission.codename.partition("_")
    model_class = permission.content_type.model_class()
    if action in ACTIONS and model_class is not None and model == model_class._meta.model_name:
        name = model_name(model_class)
        return f"{model_class._meta.app_config.verbose_name} | {name} | {ACTIONS[action]} {name}"
    return str(permission)


class ChinesePermissionsMixin:
    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name in ("permissions", "user_permissions"):
            field.label_from_instance = permission_label
        return field


class StaffUserAdmin(ChinesePermissionsMixin, UserAdmin):
    pass


class RoleGroupAdmin(ChinesePermissionsMixin, GroupAdmin):
    pass


for model, model_admin in ((User, StaffUserAdmin), (Group, RoleGroupAdmin)):
    admin.site.unregister(model)
    admin.site.register(model, model_admin)
