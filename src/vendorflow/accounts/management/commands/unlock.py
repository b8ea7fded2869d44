from django.core.management.base import BaseCommand, CommandError

from vendorflow.accounts import lockouts
from vendorflow.lib.client_ip import is_address


class Command(BaseCommand):
    help = (
        "Unlock a username's sign-in (from every address), an address's sign-ins and API token "
        "attempts, or both."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="", help="the locked-out username")
        parser.add_argument("--ip", default="", help="the locked-out client address")

    def handle(self, *args, username: str, ip: str, **options):
        if not username and not ip:
            raise CommandError("Name a --username, an --ip or both.")
        if ip and not is_address(ip):
            raise CommandError(f"{ip!r} is not an IP address.")
        unlocked = lockouts.unlock(username=username, ip_address=ip)
        self.stdout.write(
            f"Cleared {unlocked.sign_in_attempts} failed sign-in record(s) and "
            f"{unlocked.token_failures} API token failure record(s)."
        )
