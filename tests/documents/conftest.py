"""The documents tests use the shared self-evaluation fixtures of tests/conftest.py, and a PDF queue held in hand."""

import pytest

from jixiao.documents import tasks


class HeldQueue:
    """Stands for the PDF task: remembers what was queued; `run(n)` is the worker running the n-th conversion."""

    def __init__(self, real_task):
        self.queued, self._real = [], real_task

    def enqueue(self, *args):
        self.queued.append(args)

    def run(self, index: int = 0):
        return self._real.call(*self.queued[index])


@pytest.fixture
def held_pdf_queue(monkeypatch):
    """PDF conversions wait in a queue the test runs by hand, as a worker on another machine would."""
    held = HeldQueue(tasks.render_pdf)
    monkeypatch.setattr(tasks, "render_pdf", held)
    return held
