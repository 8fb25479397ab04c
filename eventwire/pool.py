"""A process pool that codes batches in input order, with bounded submission and crash isolation.

:func:`map_batches` knows nothing about coding: it calls ``work(batch, *args)`` in worker
processes and yields the results of each batch, in input order.  What it guarantees:

* **bounded memory**: at most :data:`IN_FLIGHT_PER_JOB` ``* jobs`` batches are taken from
  ``batches`` ahead of the consumer (being worked on, or done and waiting to be consumed),
  whatever the input size and however slow the consumer;
* **fresh workers**: a pool works :data:`BATCHES_PER_WORKER` ``* jobs`` batches and is then
  replaced (bounds the growth of per-process caches such as the parser's vocabulary);
* **crash isolation**: a worker that dies (killed, out of memory, a crash in native code) does
  not stop or hang the run; the batches lost with it are worked again one unit at a time, each
  in a fresh single-worker pool, and a unit that kills its worker again becomes
  ``on_crash(unit)``; after :data:`MAX_CRASHES_IN_A_ROW` such units in a row the run stops
  with :class:`RuntimeError` (the workers cannot work at all);
* **no orphans**: on Linux a worker is killed by the kernel when the parent dies, and ignores
  Ctrl-C (the parent's business).
"""
from __future__ import annotations

import ctypes
import multiprocessing as mp
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Optional

#: batches submitted but not yet consumed, per worker process
IN_FLIGHT_PER_JOB = 2
#: batches a pool works per worker before it is replaced
BATCHES_PER_WORKER = 200
#: units in a row that kill their worker before the run gives up
MAX_CRASHES_IN_A_ROW = 3


def map_batches(batches: Iterator[list], work: Callable[..., list], jobs: int, *,
                args: Sequence[Any] = (), on_crash: Callable[[Any], Any],
                initializer: Optional[Callable[..., None]] = None,
                initargs: Sequence[Any] = ()) -> Iterator[Any]:
    """Yield ``work(batch, *args)``'s items for every batch of ``batches``, in input order.

    Args:
        batches: an iterator of lists of units (read lazily, see the module docstring).
        work: a picklable module-level function ``work(batch, *args) -> list``.
        jobs: worker processes.
        args: extra arguments of ``work``.
        on_crash: the result that stands for a unit whose worker died twice.
        initializer: run once in each worker as ``initializer(*initargs)`` (e.g. load models).

    Returns:
        An iterator over the items of the results, batch after batch.
    """
    start = _PoolFactory(initializer, tuple(initargs))
    window: deque = deque()          # (batch, future), in input order
    pool = None
    submitted = 0
    exhausted = False
    finished = False
    try:
        while True:
            while not exhausted and len(window) < jobs * IN_FLIGHT_PER_JOB and \
                    (pool is None or submitted < jobs * BATCHES_PER_WORKER):
                batch = next(batches, None)
                if batch is None:
                    exhausted = True
                    break
                if pool is None:
                    pool, submitted = start(jobs), 0
                window.append((batch, pool.submit(work, batch, *args)))
                submitted += 1
            if not window:
                if exhausted:
                    finished = True
                    return
                close_pool(pool)    # drained and old: the next batch starts a fresh pool
                pool = None
                continue
            batch, future = window.popleft()
            try:
                results = future.result()
            except BrokenProcessPool:
                lost = [batch, *(b for b, _ in window)]
                window.clear()
                close_pool(pool, kill=True)
                pool = None
                yield from _work_isolated(lost, work, args, on_crash, start)
                continue
            yield from results
    finally:
        for _, future in window:
            future.cancel()
        if pool is not None:
            close_pool(pool, kill=not finished)


def _work_isolated(batches: list[list], work: Callable[..., list], args: Sequence[Any],
                   on_crash: Callable[[Any], Any], start: _PoolFactory) -> Iterator[Any]:
    """Work the units of batches lost with a dead worker one at a time, each in a worker of
    its own pool, so that a unit that kills its worker again is identified and skipped."""
    pool = None
    crashes = 0
    try:
        for unit in (u for b in batches for u in b):
            if pool is None:
                pool = start(1)
            try:
                results = pool.submit(work, [unit], *args).result()
                crashes = 0
            except BrokenProcessPool:
                close_pool(pool, kill=True)
                pool = None
                crashes += 1
                if crashes >= MAX_CRASHES_IN_A_ROW:
                    raise RuntimeError(f"worker processes died on {crashes} documents in a row "
                                       f"(the last: {getattr(unit, 'doc_id', unit)!r}); giving up") from None
                results = [on_crash(unit)]
            yield from results
    finally:
        if pool is not None:
            close_pool(pool)


class _PoolFactory:
    """Starts pools whose workers run :func:`init_worker` (then the caller's initializer)."""

    def __init__(self, initializer: Optional[Callable[..., None]], initargs: tuple) -> None:
        self.initializer = initializer
        self.initargs = initargs

    def __call__(self, jobs: int) -> ProcessPoolExecutor:
        # fork: workers inherit the models the parent may have loaded already
        ctx = mp.get_context("fork" if hasattr(os, "fork") else "spawn")
        return ProcessPoolExecutor(jobs, mp_context=ctx, initializer=init_worker,
                                   initargs=(os.getpid(), self.initializer, self.initargs))


def close_pool(pool: ProcessPoolExecutor, *, kill: bool = False) -> None:
    """Shut ``pool`` down; ``kill`` ends its workers at once (run aborted, or pool broken)."""
    if kill:
        for proc in list((getattr(pool, "_processes", None) or {}).values()):
            try:
                proc.kill()
            except (OSError, ValueError, AttributeError):
                pass
    pool.shutdown(wait=True, cancel_futures=True)


def init_worker(parent_pid: Optional[int], initializer: Optional[Callable[..., None]] = None,
                initargs: Sequence[Any] = ()) -> None:
    """Worker start: ignore Ctrl-C, die with the parent, then ``initializer(*initargs)``.

    An exception of ``initializer`` is swallowed: the first task raises it again, and so the
    parent reports it.
    """
    # Ctrl-C is the parent's business; a worker must not print a KeyboardInterrupt traceback
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if parent_pid is not None:
        die_with_parent(parent_pid)
    if initializer is not None:
        try:
            initializer(*initargs)
        except Exception:  # noqa: BLE001 - raised again by the first task, and so reported by the parent
            pass


def die_with_parent(parent_pid: int) -> None:
    """Linux: have the kernel SIGKILL this process when the parent dies (e.g. ``kill -9``), so
    that no orphan keeps coding, printing tracebacks or holding the output folder's lock."""
    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover
        return
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(1)


__all__ = ["map_batches", "close_pool", "init_worker", "die_with_parent",
           "IN_FLIGHT_PER_JOB", "BATCHES_PER_WORKER", "MAX_CRASHES_IN_A_ROW"]
