"""`vendorflow test_connection 3 [--user ana]`: log in with channel 3's credentials and make one
tiny call, then print the verdict in plain language, as the channel page's "Test connection" and
`POST /api/v1/channels/{id}/test-connection` do. Exits with an error when the connection fails."""

from django.core.management.base import BaseCommand, CommandError

from vendorflow.accounts.choices import Role
from vendorflow.accounts.commands import acting_member
from vendorflow.channels.models import AmazonChannel
from vendorflow.integrations.amazon import connection


class Command(BaseCommand):
    help = "Test an Amazon Retail B2B channel's credentials: LWA token and one tiny call."

    def add_arguments(self, parser):
        parser.add_argument("channel_id", type=int, help="Amazon channel id")
        parser.add_argument(
            "--user",
            default="",
            help="username of the member who tests (Manager or higher; the audit log names "
            "them); without it, any channel and no one named",
        )

    def handle(self, *args, channel_id: int, user: str, **options):
        channels = AmazonChannel.objects.select_related("organization")
        actor = None
        if user:
            member = acting_member(user, Role.MANAGER)
            channels, actor = channels.filter(organization=member.organization), member.user
        channel = channels.filter(pk=channel_id).first()
        if channel is None:
            raise CommandError(f"There is no Amazon channel with id {channel_id}.")
        verdict = connection.try_connection(channel=channel, actor=actor)
        if not verdict.ok:
            raise CommandError(f"{channel}: {verdict.message}")
        self.stdout.write(f"{channel}: {verdict.message}")
