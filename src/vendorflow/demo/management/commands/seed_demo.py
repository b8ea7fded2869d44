from django.core.management.base import BaseCommand

from vendorflow.demo import data
from vendorflow.demo.seeding import seed


class Command(BaseCommand):
    help = "Create or refresh the demo organization, its users and master data."

    def add_arguments(self, parser):
        parser.add_argument("--simulator-url", default="http://127.0.0.1:8765")

    def handle(self, *args, simulator_url, **options):
        org = seed(simulator_url=simulator_url)
        users = ", ".join(name for name, _ in data.USERS)
        self.stdout.write(
            self.style.SUCCESS(f"Demo organization '{org.name}' ready (users: {users}).")
        )
