"""Root URL configuration."""
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from disclosures.views.base import StaffForm

admin.site.site_header = "预算公开数据管理"
admin.site.site_title = "预算公开数据管理"
admin.site.index_title = "数据管理"

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(authentication_form=StaffForm), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("account/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("admin/", admin.site.urls),
    path("performance/", include("performance.urls")),
    path("", include("disclosures.urls")),
]
