"""`vendorflow channel activate 3 --user ana` (or `deactivate`): switch an Amazon channel's
syncing on or off, as its page and `POST /api/v1/channels/{id}/activate` do."""

from django.core.management.base import BaseCommand, CommandError

from vendorflow.accounts.choices import Role
from vendorflow.accounts.commands import acting_member, add_user_argument
from vendorflow.channels import services
from vendorflow.channels.models import AmazonChannel


class Command(BaseCommand):
    help = "Activate or deactivate an Amazon Retail B2B channel."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["activate", "deactivate"])
        parser.add_argument("channel_id", type=int, help="Amazon channel id")
        add_user_argument(parser)

    def handle(self, *args, **opts):
        member = acting_member(opts["user"], Role.MANAGER)
        channel = AmazonChannel.objects.filter(
            pk=opts["channel_id"], organization=member.organization
        ).first()
        if channel is None:
            raise CommandError(f"{member.organization.slug} has no channel {opts['channel_id']}.")
        channel = services.set_channel_active(
            channel=channel, actor=member.user, active=opts["action"] == "activate"
        )
        state = "active" if channel.is_active else "inactive"
        self.stdout.write(f"{channel} is {state}.")
