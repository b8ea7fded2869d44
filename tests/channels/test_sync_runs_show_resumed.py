"""The channel page and the API say where a run that went on after an interrupted one started."""

from tests import factories
from vendorflow.channels.models import SyncRun


def _runs(org, channel):
    resumed = SyncRun.objects.create(
        organization=org,
        channel=channel,
        kind="created",
        status="succeeded",
        pages=2,
        resumed_after_pages=3,
    )
    whole = SyncRun.objects.create(
        organization=org, channel=channel, kind="created", status="succeeded", pages=5
    )
    return resumed, whole


def test_the_pages_column_says_from_which_page_a_run_went_on(admin_client, org):
    channel = factories.make_channel(org)
    _runs(org, channel)

    html = admin_client.get(f"/channels/{channel.pk}/").content.decode()

    rows = html.split('<section class="panel" id="sync-runs">')[1].split("<tr>")[2:]
    whole_row, resumed_row = rows
    assert '<td class="num">5</td>' in whole_row
    assert "from page" not in whole_row
    assert (
        '<td class="num">2 <span class="muted small" title="An earlier run stopped' in resumed_row
    )
    assert ">from page 4</span></td>" in resumed_row


def test_the_api_lists_the_pages_a_run_skipped(admin_client, org):
    channel = factories.make_channel(org)
    resumed, whole = _runs(org, channel)

    items = admin_client.get(f"/api/v1/channels/{channel.pk}/sync-runs").json()["items"]

    assert [(r["id"], r["pages"], r["resumed_after_pages"]) for r in items] == [
        (whole.pk, 5, 0),
        (resumed.pk, 2, 3),
    ]
