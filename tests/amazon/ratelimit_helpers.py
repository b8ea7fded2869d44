class FakeClock:
    """time.time and time.sleep for a limiter: sleeping moves the clock, nothing waits."""

    def __init__(self, start: float = 1_800_000_000.0):
        self.now = start

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def conforms_to_token_bucket(times: list[float], rate: float, burst: int) -> bool:
    """No run of calls exceeds what Amazon's bucket (rate per second, burst) admits."""
    ordered = sorted(times)
    return all(
        j - i + 1 <= burst + rate * (ordered[j] - ordered[i]) + 1e-6
        for i in range(len(ordered))
        for j in range(i, len(ordered))
    )


def acquire_times(limiter, clock, key, operation, count):
    times = []
    for _ in range(count):
        limiter.acquire(key, operation)
        times.append(clock())
    return times
