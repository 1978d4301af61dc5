"""``rapor manage two_factor_reset USERNAME``: turn off a user's second factor (a lost phone and
lost recovery codes); the user signs in with the password alone and may enrol again."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from rapor.accounts.domain.twofactor import second_factor_remove


class Command(BaseCommand):
    help = "Turn off a user's second factor (authenticator app and recovery codes)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, username: str, **options: Any) -> None:
        try:
            user = get_user_model().objects.get_by_natural_key(username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"no user named {username!r}") from None
        if second_factor_remove(user=user, by=None):
            self.stdout.write(f"The second factor of {username} is off.")
        else:
            self.stdout.write(f"{username} had no second factor.")
