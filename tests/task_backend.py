"""The test suite's task backend: tasks run in the test's own thread as soon as the
transaction that queued them commits (at once outside one), as a worker would pick them up
from the database queue after that commit. Tasks are queued inside the writing transaction
(newsroom/events.py); the test case's own wrapping transaction does not count."""

from django.db import connection, transaction
from django.tasks.backends.immediate import ImmediateBackend


class OnCommitBackend(ImmediateBackend):
    def _execute_task(self, task_result):
        run = super()._execute_task
        if all(block._from_testcase for block in connection.atomic_blocks):
            run(task_result)
        else:
            transaction.on_commit(lambda: run(task_result))
