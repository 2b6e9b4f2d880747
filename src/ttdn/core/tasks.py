"""Background jobs of the core: a round trip through the task backend and back.

`worker_ping` is what `ttdn worker-check` enqueues to prove that a worker consumes the queue,
whichever backend (database or RQ) is configured.
"""

from __future__ import annotations

from django_tasks import task


@task()
def worker_ping(token: str) -> str:
    return f"pong:{token}"
