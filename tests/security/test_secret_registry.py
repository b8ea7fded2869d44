"""The registry of secret values the process has handled: bounded, thread-safe, and hiding each
value in every form it takes in a report."""

import threading

from vendorflow.lib import crypto, redaction
from vendorflow.lib.redaction import MASK, Redactor, SecretValues

SECRET = "Atzr|IwEB'registry\"+secret/value=1"


def test_short_values_are_never_kept_so_ordinary_words_stay_visible():
    values = SecretValues()
    values.remember("USD", "Eaches", "", "  padded  ", "exactly8")

    assert values.values() == {"exactly8"}
    assert Redactor(["USD", "Eaches"]).text("100 Eaches at 2.50 USD") == "100 Eaches at 2.50 USD"


def test_the_least_recently_used_value_is_dropped_first():
    values = SecretValues(capacity=3)
    values.remember("secret-aaaa", "secret-bbbb", "secret-cccc")
    values.remember("secret-aaaa")  # used again: now the most recent
    values.remember("secret-dddd")

    assert values.values() == {"secret-aaaa", "secret-cccc", "secret-dddd"}


def test_remembering_from_many_threads_keeps_the_bound():
    values = SecretValues(capacity=100)
    start = threading.Barrier(8)
    errors: list[BaseException] = []

    def work(thread: int) -> None:
        start.wait()
        try:
            for n in range(500):
                values.remember(f"thread-{thread}-secret-{n:04}")
                Redactor(values.values()).text("nothing secret here")
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(t,)) for t in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(values.values()) == 100
    assert all(value.startswith("thread-") for value in values.values())
    values.remember("remembered-afterwards")
    assert len(values.values()) == 100 and "remembered-afterwards" in values.values()


def test_a_secret_is_hidden_in_every_form_a_report_shows_it_in():
    hiding = Redactor([SECRET])
    shown = [
        SECRET,
        "Atzr%7CIwEB%27registry%22%2Bsecret%2Fvalue%3D1",  # a form body (quote_plus)
        "Atzr%7CIwEB%27registry%22%2Bsecret/value%3D1",  # a URL path (quote)
        repr(SECRET)[1:-1],  # inside repr quotes: \' escaped
        '"Atzr|IwEB\'registry\\"+secret/value=1"'[1:-1],  # inside JSON quotes: \" escaped
        "Atzr|IwEB&#x27;registry&quot;+secret/value=1",  # on an HTML page
    ]

    assert [hiding.text(f"<{form}>") for form in shown] == [f"<{MASK}>"] * len(shown)
    assert (
        hiding.bytes(b"token=" + SECRET.encode() + b"&x=1") == b"token=" + MASK.encode() + b"&x=1"
    )
    assert hiding.any(12345) == 12345


def test_overlapping_secrets_are_hidden_whole():
    hiding = Redactor(["abcdefgh1234", "12345678wxyz"])

    assert hiding.text("[abcdefgh12345678wxyz]") == f"[{MASK}]"
    assert hiding.text("abcdefgh1234 and 12345678wxyz") == f"{MASK} and {MASK}"


def test_decrypting_or_encrypting_a_secret_remembers_it():
    redaction.known.forget_all()
    stored = crypto.encrypt("encrypted-secret-1234")
    redaction.known.forget_all()

    assert crypto.decrypt(stored) == "encrypted-secret-1234"
    assert redaction.known.values() == {"encrypted-secret-1234"}
    assert redaction.hide("it was encrypted-secret-1234") == f"it was {MASK}"
    crypto.encrypt("another-secret-5678")
    assert "another-secret-5678" in redaction.known.values()
