"""What every review page shares: staff-only access, and records narrowed by the access rule."""
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .. import access


class StaffForm(AuthenticationForm):
    """The login form: only active staff accounts may sign in."""

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not user.is_staff:
            raise ValidationError(_("该账号无权使用本系统。"), code="not_staff")


class StaffRequiredMixin(LoginRequiredMixin, UserPassesTestMixin):
    """Anonymous users go to the login page; signed-in non-staff get 403."""

    def test_func(self):
        return self.request.user.is_staff

    def restrict(self, queryset, action=access.VIEW):
        """``queryset`` narrowed to what the signed-in user may ``action`` (see disclosures.access)."""
        return access.restrict(queryset, self.request.user, action)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sees_everything"] = access.sees_everything(self.request.user)
        return context
