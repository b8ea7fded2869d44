"""Is a test service reachable? `python tests/services.py postgres|redis URL` exits 0 if so."""

import sys


def postgres_ok(url: str) -> bool:
    try:
        import psycopg

        with psycopg.connect(url.replace("postgres://", "postgresql://", 1), connect_timeout=3):
            return True
    except Exception:
        return False


def redis_ok(url: str) -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_connect_timeout=3).ping())
    except Exception:
        return False


if __name__ == "__main__":
    kind, url = sys.argv[1], sys.argv[2]
    ok = postgres_ok(url) if kind == "postgres" else redis_ok(url)
    sys.exit(0 if ok else 1)
