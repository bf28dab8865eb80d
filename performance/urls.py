"""URLs of the performance review pages."""
from django.urls import path

from . import views

app_name = "performance"

urlpatterns = [
    path("indicators/", views.IndicatorListView.as_view(), name="indicator_list"),
    path("indicators/<int:pk>/edit/", views.IndicatorEditView.as_view(), name="indicator_edit"),
]
