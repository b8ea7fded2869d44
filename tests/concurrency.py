"""Run test code on several threads at once, each with its own database connection."""

import threading

from django.db import connection


def in_threads(*targets, timeout: float = 60) -> list:
    """Start the targets together (a barrier), each on its own thread; their results in the order
    they finished. Any exception on a thread fails the test."""
    barrier = threading.Barrier(len(targets))
    results: list = []
    errors: list = []

    def run(target):
        try:
            barrier.wait()
            results.append(target())
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(t,)) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    assert errors == []
    return results
