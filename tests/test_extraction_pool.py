"""Extraction in worker processes: stopping them when the batches they hold are not wanted."""
import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor

from kg.extraction import stop_workers


def _sleep(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def test_stopping_workers_does_not_wait_for_their_batches():
    pool = ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn"))
    busy = [pool.submit(_sleep, 60) for _ in range(4)]
    deadline = time.monotonic() + 60
    while len(pool._processes) < 2 and time.monotonic() < deadline:  # both workers started
        time.sleep(0.1)
    time.sleep(1)  # and inside a 60 s batch
    processes = list(pool._processes.values())
    assert len(processes) == 2 and all(p.is_alive() for p in processes)
    started = time.monotonic()
    stop_workers(pool)
    while any(p.is_alive() for p in processes) and time.monotonic() - started < 15:
        time.sleep(0.1)
    assert not any(p.is_alive() for p in processes)  # well before their 60 s batches would end
    # cancelled, or failed once the executor notices its workers are gone: nothing waits on them for good
    deadline = time.monotonic() + 30
    while not all(f.done() for f in busy) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert all(f.done() for f in busy)


def test_stopping_a_pool_that_never_started_a_worker_is_harmless():
    pool = ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn"))
    stop_workers(pool)
