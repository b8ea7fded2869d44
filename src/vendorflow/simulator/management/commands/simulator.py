"""`vendorflow simulator --port 8765`: run the Vendor Central + LWA simulator in the foreground."""

import json
import logging
import signal

from django.core.management.base import BaseCommand, CommandError

from vendorflow.simulator.control import generate_spec
from vendorflow.simulator.server import SimulatorServer
from vendorflow.simulator.testing import build_app


class Command(BaseCommand):
    help = "Run the Amazon Vendor Central (SP-API vendor orders) + LWA simulator on loopback."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8765)
        parser.add_argument(
            "--state", help="JSON file: loaded at start, saved on change and on exit"
        )
        parser.add_argument("--seed", type=int, help="make generated data and faults reproducible")
        parser.add_argument(
            "--seed-file", help="JSON file with vendors / fcs / items / orders to load"
        )
        parser.add_argument("--generate", type=int, default=0, help="POs to generate at start")
        parser.add_argument(
            "--generate-every", type=float, default=0, help="generate POs every N s"
        )
        parser.add_argument("--generate-count", type=int, default=1, help="POs per scheduled run")
        parser.add_argument(
            "--churn", type=float, default=0.0, help="chance per run to change/close a PO"
        )
        parser.add_argument("--vendor-code", default="", help="sellingParty of generated POs")
        parser.add_argument("--lines", type=int, nargs=2, default=(1, 8), metavar=("MIN", "MAX"))
        parser.add_argument(
            "--sandbox", action="store_true", help="answer with the static sandbox examples"
        )
        parser.add_argument(
            "--no-throttling", action="store_true", help="switch Amazon's rate limits off"
        )
        parser.add_argument(
            "--faults", default="{}", help='JSON, e.g. \'{"server_error": {"rate": 0.05}}\''
        )
        parser.add_argument("--client-id", help="LWA client id to accept")
        parser.add_argument("--client-secret", help="LWA client secret to accept")
        parser.add_argument("--refresh-token", help="LWA refresh token to accept")

    def handle(self, *args, **options):
        logging.getLogger("vendorflow.simulator").setLevel(
            logging.DEBUG if options["verbosity"] > 1 else logging.INFO
        )
        try:
            app = build_app(**self._app_options(options))
            server = SimulatorServer(app, host=options["host"], port=options["port"])
        except (ValueError, OSError) as error:
            raise CommandError(str(error)) from error
        self._start_chores(server, options)
        self.stdout.write(self._banner(server))
        signal.signal(signal.SIGTERM, _interrupt)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            self.stdout.write("Simulator stopped.")

    def _app_options(self, options) -> dict:
        try:
            faults = json.loads(options["faults"])
        except ValueError as error:
            raise CommandError(f"--faults is not valid JSON: {error}") from None
        found = {
            "seed": options["seed"],
            "throttling": not options["no_throttling"],
            "sandbox": options["sandbox"],
            "faults": faults,
            "state_file": options["state"],
            "orders": self._generate(options, options["generate"]) if options["generate"] else 0,
        }
        if options["seed_file"]:
            with open(options["seed_file"]) as handle:
                found["seed_document"] = json.load(handle)
        credentials = ("client_id", "client_secret", "refresh_token")
        return found | {name: options[name] for name in credentials if options[name]}

    @staticmethod
    def _generate(options, count: int) -> dict:
        found = {"count": count, "lines_per_order": list(options["lines"])}
        return found | ({"vendor_code": options["vendor_code"]} if options["vendor_code"] else {})

    def _start_chores(self, server: SimulatorServer, options) -> None:
        if options["state"]:
            server.autosave()
        if options["generate_every"]:
            spec = generate_spec(self._generate(options, options["generate_count"]))
            server.generate_every(options["generate_every"], spec, churn=options["churn"])

    @staticmethod
    def _banner(server: SimulatorServer) -> str:
        credentials = server.app.auth.credentials
        return (
            f"Vendor Central simulator on {server.base_url}\n"
            f"  SP-API endpoint override: {server.base_url}\n"
            f"  LWA token URL override:   {server.base_url}/auth/o2/token\n"
            f"  control API:              {server.base_url}/_sim/\n"
            f"  client id {credentials.client_id}, client secret {credentials.client_secret}, "
            f"refresh token {credentials.refresh_token}\n"
            f"  {len(server.app.state.orders)} purchase orders loaded. Ctrl-C stops."
        )


def _interrupt(signum, frame):
    raise KeyboardInterrupt
