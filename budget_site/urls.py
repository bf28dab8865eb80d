"""Root URL configuration."""
from django.contrib import admin
from django.urls import path
from django.views.generic import RedirectView

admin.site.site_header = "预算公开数据管理"
admin.site.site_title = "预算公开数据管理"
admin.site.index_title = "数据管理"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="admin:index", permanent=False)),
    path("admin/", admin.site.urls),
]
