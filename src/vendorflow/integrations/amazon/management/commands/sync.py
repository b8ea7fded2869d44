from django.core.management.base import BaseCommand, CommandError

from vendorflow.channels.choices import SyncKind, SyncStatus
from vendorflow.integrations.amazon import jobs


class Command(BaseCommand):
    help = "Sync one Amazon Retail B2B channel now, inline, and print the run's summary."

    def add_arguments(self, parser):
        parser.add_argument("--channel", type=int, required=True, help="Amazon channel id")
        parser.add_argument(
            "--kind",
            choices=[SyncKind.CREATED, SyncKind.CHANGED, SyncKind.RESWEEP, SyncKind.MANUAL],
            default=SyncKind.MANUAL,
            help="created: new POs; changed: changed POs; resweep: the last 7 days again, then "
            "the POs Amazon closed; manual (default): new then changed POs",
        )

    def handle(self, *args, channel: int, kind: str, **options):
        run = jobs.run_channel_sync(channel, kind)
        if run is None:
            raise CommandError(f"There is no Amazon channel with id {channel}.")
        self.stdout.write(summary(run))
        if run.status == SyncStatus.FAILED:
            raise CommandError(f"Sync failed: {run.error}")


def summary(run) -> str:
    window = ""
    if run.window_start and run.window_end:
        window = (
            f" · window {run.window_start:%Y-%m-%d %H:%M} → {run.window_end:%Y-%m-%d %H:%M} UTC"
        )
    closed = ""
    if run.kind == SyncKind.RESWEEP:
        unreadable = f", {run.closed_unreadable} unreadable" if run.closed_unreadable else ""
        closed = f", {run.closed} closed ({run.closed_unknown} unknown{unreadable})"
    if run.resumed_after_pages:
        window += f" · went on at page {run.resumed_after_pages + 1} of an interrupted window"
    return (
        f"{run.channel} · {run.get_kind_display()} · {run.get_status_display()} · "
        f"{run.pages} pages · {run.pos_new} new, {run.pos_changed} changed, "
        f"{run.pos_unchanged} unchanged, {run.pos_held} held{closed}{window}"
    )
