"""The Celery app of the background imports; its settings are Django's ``CELERY_*`` ones."""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "budget_site.settings")

app = Celery("budget_site")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
