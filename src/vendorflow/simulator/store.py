"""The simulator's state: a thread-safe in-memory store, optionally persisted to a JSON file.

Everything Amazon would know about one vendor account: vendors (selling parties), FCs, items,
purchase orders with their change history and acknowledgements, shipment confirmations and the
shipments they describe, transactions and access tokens.
"""

import bisect
import json
import os
import random
import threading
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

from vendorflow.simulator import catalog, clock, generator

FORMAT_VERSION = 1
DEFAULT_ITEM_COUNT = 200
SHIPMENT_PROCESSING = timedelta(seconds=30)  # a shipment confirmation's time in Processing


class PurchaseOrder:
    """One PO: the official `Order` payload plus what Amazon keeps beside it."""

    __slots__ = ("order", "history", "acks", "last_updated", "closed_at", "_json")

    def __init__(self, order: dict, history=None, acks=None, last_updated=None, closed_at=None):
        self.order = order
        self.history: dict[str, list[dict]] = history or self._first_history()
        self.acks: dict[str, dict] = acks or {}
        self.last_updated: str = last_updated or self.details["purchaseOrderDate"]
        self.closed_at: str | None = closed_at
        self._json: dict[bool, bytes] = {}

    def _first_history(self) -> dict[str, list[dict]]:
        date = self.details["purchaseOrderDate"]
        return {
            line["itemSequenceNumber"]: [
                {"updatedDate": date, "orderedQuantity": line["orderedQuantity"]}
            ]
            for line in self.details["items"]
        }

    @property
    def number(self) -> str:
        return self.order["purchaseOrderNumber"]

    @property
    def state(self) -> str:
        return self.order["purchaseOrderState"]

    @property
    def details(self) -> dict:
        return self.order["orderDetails"]

    @property
    def key(self) -> tuple[datetime, str]:
        return clock.parse(self.details["purchaseOrderDate"]), self.number

    @property
    def changed(self) -> datetime | None:
        value = self.details.get("purchaseOrderChangedDate")
        return clock.parse(value) if value else None

    def line(self, sequence: str) -> dict | None:
        return next((i for i in self.details["items"] if i["itemSequenceNumber"] == sequence), None)

    def has_cancelled_line(self) -> bool:
        return any(line["orderedQuantity"]["amount"] == 0 for line in self.details["items"])

    def touch(self, moment: datetime) -> None:
        self.last_updated = clock.iso(moment)
        self._json.clear()

    def json(self, details: bool = True) -> bytes:
        """The serialised `Order` (cached until the PO changes)."""
        cached = self._json.get(details)
        if cached is None:
            body = (
                self.order
                if details
                else {"purchaseOrderNumber": self.number, "purchaseOrderState": self.state}
            )
            cached = self._json[details] = json.dumps(body, separators=(",", ":")).encode()
        return cached

    def to_dict(self) -> dict:
        return {
            "order": self.order,
            "history": self.history,
            "acks": self.acks,
            "lastUpdated": self.last_updated,
            "closedAt": self.closed_at,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "PurchaseOrder":
        return cls(
            data["order"], data["history"], data["acks"], data["lastUpdated"], data["closedAt"]
        )


class State:
    """All simulator data behind one re-entrant lock (`with state.lock:` for multi-step reads)."""

    def __init__(self, seed: int | None = None, path: str | Path | None = None):
        self.lock = threading.RLock()
        self.seed = seed
        self.rng = random.Random(seed)
        self.path = Path(path) if path else None
        self.dirty = False
        self.shipment_processing = SHIPMENT_PROCESSING
        self._clear_catalog()
        self._clear_orders()
        self.tokens: dict[str, dict] = {}

    def _clear_catalog(self) -> None:
        self.vendors = {v["code"]: v for v in catalog.default_vendors()}
        self.fcs = {fc["code"]: fc for fc in catalog.default_fcs()}
        self.items = catalog.make_items(random.Random(self.seed), DEFAULT_ITEM_COUNT)

    def _clear_orders(self) -> None:
        self.orders: dict[str, PurchaseOrder] = {}
        self._keys: list[tuple[datetime, str]] = []
        self.acknowledgements: list[dict] = []
        self.transactions: dict[str, dict] = {}
        self.pending: dict[str, dict] = {}  # transaction id -> {status, errors, settlesAt}
        self.shipment_confirmations: list[dict] = []  # every one received, with its outcome
        self.shipments: dict[str, dict] = {}  # shipmentIdentifier -> the accepted confirmation

    # orders ------------------------------------------------------------------------------

    def add_orders(self, orders: list[dict]) -> list[str]:
        """Store new POs; a PO number already known raises ValueError and nothing is added."""
        with self.lock:
            numbers = [o["purchaseOrderNumber"] for o in orders]
            counts = Counter(numbers)
            clashes = sorted({n for n in numbers if n in self.orders or counts[n] > 1})
            if clashes:
                raise ValueError(f"purchaseOrderNumber already exists: {', '.join(clashes[:10])}")
            self._insert([PurchaseOrder(o) for o in orders])
            return numbers

    def _insert(self, records: list[PurchaseOrder]) -> None:
        for record in records:
            self.orders[record.number] = record
        if len(records) > 50:
            self._keys.extend(r.key for r in records)
            self._keys.sort()
            self._warm(records)
        else:
            for record in records:
                bisect.insort(self._keys, record.key)
        self.dirty = True

    def _warm(self, records: list[PurchaseOrder]) -> None:
        """Serialise a bulk of new POs in the background so their first pages are served fast."""

        def run():
            for start in range(0, len(records), 100):
                with self.lock:
                    for record in records[start : start + 100]:
                        record.json(True)

        threading.Thread(target=run, name="simulator-warm", daemon=True).start()

    def generate(self, spec: generator.GenerateSpec) -> list[str]:
        with self.lock:
            orders = generator.generate(
                self.rng,
                spec,
                vendor=self.vendor(spec.vendor_code),
                fcs=[self.fc(code) for code in spec.fcs] or list(self.fcs.values()),
                items=self._items(spec.items),
                taken=self.orders,
            )
            return self.add_orders(orders)

    def vendor(self, code: str = "") -> dict:
        if not code:
            return next(iter(self.vendors.values()))
        return self.vendors.get(code) or {"code": code, "name": code}

    def fc(self, code: str) -> dict:
        if code not in self.fcs:
            raise ValueError(f"unknown FC {code!r}; known: {', '.join(self.fcs)}")
        return self.fcs[code]

    def _items(self, asins) -> list[dict]:
        if not asins:
            return self.items
        known = {item["asin"]: item for item in self.items}
        unknown = [a for a in asins if a not in known]
        if unknown:
            raise ValueError(f"unknown item ASIN(s): {', '.join(unknown)}")
        return [known[a] for a in asins]

    def all_orders(self) -> list[PurchaseOrder]:
        """Every PO by purchaseOrderDate, then PO number."""
        with self.lock:
            return [self.orders[key[1]] for key in self._keys]

    def get(self, number: str) -> PurchaseOrder | None:
        return self.orders.get(number)

    def scan(
        self, start: datetime | None, end: datetime | None, after: tuple | None, descending: bool
    ) -> Iterator[PurchaseOrder]:
        """POs with start <= purchaseOrderDate < end in key order, resuming after key `after`.

        Call with `self.lock` held for the whole iteration.
        """
        low = bisect.bisect_left(self._keys, (start,)) if start else 0
        high = bisect.bisect_left(self._keys, (end,)) if end else len(self._keys)
        if after is not None and not descending:
            low = max(low, bisect.bisect_right(self._keys, after))
        if after is not None and descending:
            high = min(high, bisect.bisect_left(self._keys, after))
        indexes = range(high - 1, low - 1, -1) if descending else range(low, high)
        for index in indexes:
            yield self.orders[self._keys[index][1]]

    # acknowledgements and transactions ---------------------------------------------------

    def new_transaction_id(self, moment: datetime) -> str:
        hexes = f"{self.rng.getrandbits(128):032x}"
        parts = (hexes[:8], hexes[8:12], hexes[12:16], hexes[16:20], hexes[20:])
        return moment.strftime("%Y%m%d%H%M%S-") + "-".join(parts)

    def add_transaction(self, transaction: dict) -> None:
        with self.lock:
            self.transactions[transaction["transactionId"]] = transaction
            self.dirty = True

    def add_pending_transaction(
        self, transaction_id: str, *, status: str, errors: list[dict], settles_at: datetime
    ) -> None:
        """A transaction shown as Processing until `settles_at`, then as `status` and `errors`."""
        with self.lock:
            self.add_transaction({"transactionId": transaction_id, "status": "Processing"})
            self.pending[transaction_id] = {
                "status": status,
                "errors": errors,
                "settlesAt": clock.iso(settles_at),
            }

    def settle(self, moment: datetime) -> None:
        """Give every pending transaction due at `moment` its final status."""
        with self.lock:
            due = [t for t, p in self.pending.items() if clock.parse(p["settlesAt"]) <= moment]
            for transaction_id in due:
                outcome = self.pending.pop(transaction_id)
                final = {"transactionId": transaction_id, "status": outcome["status"]}
                if outcome["errors"]:
                    final["errors"] = outcome["errors"]
                self.transactions[transaction_id] = final
            self.dirty = self.dirty or bool(due)

    # shipments ---------------------------------------------------------------------------

    def shipments_of(self, number: str) -> list[str]:
        """The identifiers of the shipments Amazon holds that name PO `number`."""
        with self.lock:
            return [
                identifier
                for identifier, shipment in self.shipments.items()
                if number in shipment["purchaseOrderNumbers"]
            ]

    # lifecycle ---------------------------------------------------------------------------

    def reset(self) -> None:
        """Forget every PO, acknowledgement, shipment and transaction (catalog and tokens stay)."""
        with self.lock:
            self._clear_orders()
            self.dirty = True

    def seed_from(self, document: dict) -> list[str]:
        """Load vendors / fcs / items (replacing the defaults) and add orders from a document."""
        with self.lock:
            if "vendors" in document:
                self.vendors = {v["code"]: v for v in document["vendors"]}
            if "fcs" in document:
                self.fcs = {fc["code"]: fc for fc in document["fcs"]}
            if "items" in document:
                self.items = list(document["items"])
            self.dirty = True
            return self.add_orders(document.get("orders", []))

    def to_dict(self) -> dict:
        with self.lock:
            return {
                "version": FORMAT_VERSION,
                "vendors": list(self.vendors.values()),
                "fcs": list(self.fcs.values()),
                "items": self.items,
                "orders": [self.orders[key[1]].to_dict() for key in self._keys],
                "acknowledgements": self.acknowledgements,
                "shipmentConfirmations": self.shipment_confirmations,
                "shipments": list(self.shipments.values()),
                "transactions": list(self.transactions.values()),
                "pendingTransactions": self.pending,
                "tokens": self.tokens,
            }

    def load_dict(self, data: dict) -> None:
        if data.get("version") != FORMAT_VERSION:
            raise ValueError(f"state file version {data.get('version')!r} is not {FORMAT_VERSION}")
        with self.lock:
            self.seed_from({k: data[k] for k in ("vendors", "fcs", "items")})
            self._clear_orders()
            self._insert([PurchaseOrder.from_dict(o) for o in data["orders"]])
            self.acknowledgements = data["acknowledgements"]
            self.shipment_confirmations = data.get("shipmentConfirmations", [])
            self.shipments = {s["shipmentIdentifier"]: s for s in data.get("shipments", [])}
            self.transactions = {t["transactionId"]: t for t in data["transactions"]}
            self.pending = data.get("pendingTransactions", {})
            self.tokens = data["tokens"]
            self.dirty = False

    def save(self, path: str | Path | None = None) -> None:
        """Write the state atomically (temp file + rename) to `path` or the configured file."""
        target = Path(path or self.path or "")
        if not target.name:
            raise ValueError("no state file configured")
        with self.lock:
            text = json.dumps(self.to_dict(), separators=(",", ":"))
            self.dirty = False
        temporary = target.with_name(target.name + ".tmp")
        temporary.write_text(text)
        os.replace(temporary, target)

    @classmethod
    def load(cls, path: str | Path, seed: int | None = None) -> "State":
        """A state read from `path` if it exists (else a fresh one that will save there)."""
        state = cls(seed=seed, path=path)
        if Path(path).exists():
            state.load_dict(json.loads(Path(path).read_text()))
        return state
