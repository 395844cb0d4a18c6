"""A task for the process tests: slow enough to be killed halfway, idempotent, and leaving
a trace of each run that the test can read."""

import time
from pathlib import Path

from django.tasks import task


@task(queue_name="tests")
def slow_note_task(folder: str, seconds: float) -> str:
    runs = Path(folder)
    started = runs / "started"
    with started.open("a") as log:
        log.write("run\n")
    time.sleep(seconds)
    (runs / "done").write_text("done")
    return "done"
