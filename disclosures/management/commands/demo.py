"""``manage.py demo PDF``: load a sample disclosure and create demo staff for `make run`.

A clerk responsible for the sample's department (the uploader), a reviewer and a manager; their
passwords are printed, freshly generated each run. Nothing else in the project creates accounts.
"""
import secrets
from collections import namedtuple

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from disclosures import imports
from disclosures.parsing import ParseError
from disclosures.roles import CLERK, MANAGER, REVIEWER

DemoAccount = namedtuple("DemoAccount", "user password label")


class Command(BaseCommand):
    help = "Import the sample disclosure and create a demo clerk, reviewer and manager (demo use only)."

    def add_arguments(self, parser):
        parser.add_argument("pdf", help="the sample disclosure PDF")

    def handle(self, *args, **options):
        try:
            with transaction.atomic():
                clerk = self.demo_user("clerk", "演示录入员", CLERK)
                reviewer = self.demo_user("reviewer", "演示审核员", REVIEWER)
                manager = self.demo_user("manager", "演示管理员", MANAGER)
                result = imports.import_file(options["pdf"], clerk.user)
                result.disclosure.department.members.add(clerk.user)
        except ParseError as exc:
            raise CommandError(f"{options['pdf']}: {exc.message}") from None
        self.stdout.write(f"示例文件：{result.disclosure}（{result.label}）")
        self.stdout.write("演示账号（仅本次演示有效，密码每次运行重新生成）：")
        for account in (clerk, reviewer, manager):
            self.stdout.write(f"  {account.label}  用户名 {account.user.username}  密码 {account.password}")

    def demo_user(self, username, label, group_name):
        password = secrets.token_urlsafe(9)
        user, _ = get_user_model().objects.get_or_create(username=username)
        user.first_name = label
        user.is_staff = True
        user.set_password(password)
        user.save()
        user.groups.set([Group.objects.get(name=group_name)])
        return DemoAccount(user, password, label)
