"""django-axes under a Chinese name in the admin (its app name is otherwise the untranslatable "Axes")."""
from axes.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LockoutConfig(AppConfig):
    verbose_name = _("登录防护")
