"""The channel page and the API show what a run's status pass closed."""

from tests import factories
from vendorflow.channels.models import SyncRun


def _runs(org, channel):
    resweep = SyncRun.objects.create(
        organization=org,
        channel=channel,
        kind="resweep",
        status="succeeded",
        pages=4,
        pos_unchanged=9,
        closed=3,
        closed_unknown=2,
        closed_unreadable=1,
    )
    created = SyncRun.objects.create(
        organization=org, channel=channel, kind="created", status="succeeded", pos_new=5
    )
    return resweep, created


def test_the_sync_runs_table_has_a_closed_column(admin_client, org):
    channel = factories.make_channel(org)
    _runs(org, channel)

    html = admin_client.get(f"/channels/{channel.pk}/").content.decode()

    assert '<th class="num">Held</th><th class="num">Closed</th><th>Error</th>' in html
    rows = html.split('<section class="panel" id="sync-runs">')[1].split("<tr>")[2:]
    assert [row.count('<td class="num">') for row in rows] == [5, 5]
    created_row, resweep_row = rows
    assert "New POs" in created_row
    assert '<td class="num">0</td>\n        <td class="error-cell">' in created_row
    assert "unknown" not in created_row and "unreadable" not in created_row
    assert "Daily re-sweep" in resweep_row
    assert (
        '<td class="num">3 <span class="muted small" title="Closed POs with no order in this '
        'channel">+2 unknown</span> <span class="warn small" title="PO statuses Amazon sent in a '
        'shape its model does not allow; skipped, each is in the worker log">+1 unreadable</span>'
        "</td>"
    ) in resweep_row


def test_the_api_lists_the_closed_counts(admin_client, org):
    channel = factories.make_channel(org)
    resweep, created = _runs(org, channel)

    body = admin_client.get(f"/api/v1/channels/{channel.pk}/sync-runs").json()

    items = body["items"]
    assert [(r["id"], r["closed"], r["closed_unknown"], r["closed_unreadable"]) for r in items] == [
        (created.pk, 0, 0, 0),
        (resweep.pk, 3, 2, 1),
    ]
