"""docs/api.md's "A whole day in curl", run line by line against the simulator through the API.

Each shell line of the walk-through's code blocks is read in order: `NAME=value` sets a variable,
`NAME=$(command | jq -r 'PATH')` runs the command and keeps the path of its JSON answer, a
`curl` line becomes a request of the test client (with the token of the `Authorization` header),
`vendorflow ...` a management command. The job worker runs tasks as they are queued (Huey's
immediate mode); at a `# later:` comment it is a quarter of an hour later and the worker's
periodic outbox sweep runs, as it would by then.
"""

import json
import re
import shlex
from datetime import timedelta
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from tests import factories
from tests.browser import flows
from vendorflow.integrations.amazon import jobs
from vendorflow.orders.models import Acknowledgement, Order
from vendorflow.simulator.testing import running_simulator

from .conftest import sent_quantities

DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"
PO = "WALK0001"
LATER = timedelta(minutes=16)


def walkthrough() -> list[str]:
    """The shell lines of the code blocks under "A whole day in curl"."""
    text = DOC.read_text().split("## A whole day in curl", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", text, flags=re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


class Shell:
    """Just enough of a shell for the walk-through, on Django's test client."""

    def __init__(self, client):
        self.client = client
        self.variables: dict[str, str] = {}
        self.answers: list[tuple[str, str, int, object]] = []  # method, path, status, body
        self.later = None

    def run(self, line: str) -> None:
        if line.startswith("# later:"):
            self.later = time_machine.travel(timezone.now() + LATER, tick=True)
            self.later.start()
            jobs.process_outbox.call_local()
            return
        if line.startswith("#"):
            return
        line = line.removeprefix("export ")
        captured = re.fullmatch(r"(\w+)=\$\((.*)\)", line)
        if captured:
            self.variables[captured[1]] = self._capture(captured[2])
            return
        assigned = re.fullmatch(r"(\w+)=(.*)", line)
        if assigned:
            self.variables[assigned[1]] = self._expand(shlex.split(assigned[2])[0])
            return
        self._command(line)

    def stop(self) -> None:
        if self.later is not None:
            self.later.stop()

    def _capture(self, pipeline: str) -> str:
        command, _, query = pipeline.partition(" | jq -r ")
        output = self._command(command)
        if not query:
            return str(output).strip()
        return str(_jq(output, shlex.split(query)[0]))

    def _command(self, command: str):
        words = [self._expand(word) for word in shlex.split(command)]
        if words[0] == "vendorflow":
            out = StringIO()
            call_command(*words[1:], stdout=out)
            return out.getvalue()
        assert words[0] == "curl", command
        return self._curl(words[1:])

    def _curl(self, words: list[str]):
        method, headers, body, url = "GET", {}, None, None
        options = iter(words)
        for word in options:
            if word == "-X":
                method = next(options)
            elif word == "-H":
                name, _, value = next(options).partition(": ")
                headers[name] = value
            elif word == "-d":
                body = next(options)
                method = "POST" if method == "GET" else method
            elif word.startswith("-"):
                continue  # -s and the like
            else:
                url = word
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        response = self.client.generic(
            method,
            path,
            body or "",
            content_type=headers.get("Content-Type", "application/octet-stream"),
            headers={"Authorization": headers["Authorization"]},
        )
        answer = response.json()
        self.answers.append((method, parts.path, response.status_code, answer))
        assert 200 <= response.status_code < 300, (method, path, response.status_code, answer)
        return answer

    def _expand(self, word: str) -> str:
        return re.sub(r"\$(\w+)", lambda m: self.variables[m[1]], word)


def _jq(data, path: str):
    for name, index in re.findall(r"\.(\w+)|\[(\d+)\]", path):
        data = data[name] if name else data[int(index)]
    return data


@pytest.fixture
def huey_immediate():
    from huey.contrib.djhuey import HUEY

    previous = HUEY.immediate
    HUEY.immediate = True
    yield HUEY
    HUEY.immediate = previous


def _world(org, sim):
    channel = flows.channel_for(org, sim)
    flows.map_fc(org, "BLR7")
    flows.map_items(channel)
    factories.make_member(org, "manager", username="manager")
    return channel


def test_the_walkthrough_takes_a_po_from_sync_to_confirmed(
    transactional_db, org, client, fast_amazon, huey_immediate
):
    po = flows.purchase_order(
        PO, "BLR7", [flows.po_line(flows.TEA, 5), flows.po_line(flows.OATS, 3)]
    )
    with running_simulator(
        seed_document={"orders": [po]}, throttling=False, **flows.CREDENTIALS
    ) as sim:
        _world(org, sim)
        shell = Shell(client)
        try:
            for line in walkthrough():
                shell.run(line)
        finally:
            shell.stop()

        [request] = sim.state.acknowledgements
        assert sent_quantities(request) == {PO: {"1": (2, 3), "2": (0, 3)}}
    order = Order.objects.get(po_number=PO)
    assert (order.status, Acknowledgement.objects.get().state) == ("acknowledged", "confirmed")
    followed = [a for m, p, s, a in shell.answers if p.endswith("/acknowledgement") and m == "GET"]
    assert [answer["state"] for answer in followed] == ["submitted", "confirmed"]
    run = next(a for m, p, s, a in shell.answers if p.startswith("/api/v1/sync/runs/"))
    assert (run["status"], run["pos_new"]) == ("succeeded", 1)
    assert [(m, p, s) for m, p, s, _ in shell.answers if m == "POST"] == [
        ("POST", f"/api/v1/sync/channels/{order.channel_id}", 202),
        ("POST", f"/api/v1/orders/{order.pk}/scans", 201),
        ("POST", f"/api/v1/orders/{order.pk}/acknowledgement", 202),
    ]


def test_the_walkthrough_sends_every_request_with_the_token():
    curls = [line for line in walkthrough() if "curl " in line]
    assert curls and all('-H "$AUTH"' in line for line in curls)
    assert json.dumps(walkthrough()).count("vendorflow create_token") == 1
