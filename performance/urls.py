"""URLs of the performance review pages."""
from django.urls import path

from . import editing, views

app_name = "performance"

urlpatterns = [
    path("indicators/", views.IndicatorListView.as_view(), name="indicator_list"),
    path("indicators/<int:pk>/edit/", editing.IndicatorEditView.as_view(), name="indicator_edit"),
]
