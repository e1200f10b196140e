"""The render pool's processes (`build/processes.py`): jobs and their results in order over
pipes, errors given back, a job that does not pickle failing alone, a worker that dies failing
what it held, and a pool that closes without waiting on a busy worker."""

from __future__ import annotations

import concurrent.futures
import logging
import math
import operator
import os
import pickle
import signal
import sys
import time
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from mkdocs_perceptual.build import processes, worker


def make_pool(folder) -> processes.Pool:
    (folder / "docs").mkdir()
    (folder / "mkdocs.yml").write_text("site_name: Pool\n", encoding="utf-8")
    config = load_config(str(folder / "mkdocs.yml"))
    return processes.Pool(2, pickle.dumps(worker.settings_payload(config, Files([]))))


@pytest.fixture
def pool(tmp_path):
    made = make_pool(tmp_path)
    yield made
    made.close()


@pytest.mark.slow  # starts worker processes: in the whole suite, not the fast tier
def test_results_come_back_for_their_jobs(pool):
    futures = [pool.submit(operator.add, i, 100) for i in range(50)]
    assert [f.result(timeout=30) for f in futures] == [i + 100 for i in range(50)]
    assert len(set(pool.pids)) == 2


@pytest.mark.slow  # starts worker processes: in the whole suite, not the fast tier
def test_an_error_in_a_job_is_given_back_and_the_pool_goes_on(pool):
    failed = pool.submit(math.sqrt, -1)
    with pytest.raises(ValueError, match="math domain error"):
        failed.result(timeout=30)
    assert pool.submit(operator.mul, 6, 7).result(timeout=30) == 42
    assert not pool.broken


@pytest.mark.slow  # starts worker processes: in the whole suite, not the fast tier
def test_a_job_that_does_not_pickle_fails_alone(pool):
    failed = pool.submit(len, lambda: 0)
    assert failed.exception(timeout=1) is not None
    assert pool.submit(len, "abc").result(timeout=30) == 3
    assert not pool.broken


def _only_in(pid: int) -> int:
    if os.getpid() != pid:
        raise ValueError("this reply loads only in the process that made it")
    return pid


class _LoadsOnlyWhereMade:
    def __reduce__(self):
        return _only_in, (os.getpid(),)


def _unloadable_reply() -> _LoadsOnlyWhereMade:
    return _LoadsOnlyWhereMade()


@pytest.mark.slow  # starts worker processes: in the whole suite, not the fast tier
def test_a_reply_that_does_not_load_fails_alone(pool):
    """A result the worker pickled that this process cannot load: that job fails with the
    error, loaded by the thread that asks for it; the pool goes on."""
    failed = pool.submit(_unloadable_reply)
    with pytest.raises(ValueError, match="loads only in the process that made it"):
        failed.result(timeout=30)
    assert isinstance(failed.exception(), ValueError)
    assert pool.submit(operator.mul, 6, 7).result(timeout=30) == 42
    assert not pool.broken


@pytest.mark.slow  # starts worker processes: in the whole suite, not the fast tier
def test_what_a_job_prints_is_not_read_as_a_reply(tmp_path, capfd):
    pool = make_pool(tmp_path)  # started here, its workers write to the captured stderr
    assert [pool.submit(print, "printed by a job").result(timeout=30) for _ in range(4)] == [
        None
    ] * 4
    assert pool.submit(operator.add, 1, 2).result(timeout=30) == 3
    pool.close()
    assert "printed by a job" in capfd.readouterr().err


@pytest.mark.slow  # starts worker processes: in the whole suite, not the fast tier
def test_a_worker_that_dies_fails_what_it_held_and_breaks_the_pool(pool):
    held = [pool.submit(time.sleep, 30) for _ in range(4)]  # two for each worker
    for pid in pool.pids:
        os.kill(pid, signal.SIGKILL)
    for future in held:
        assert isinstance(future.exception(timeout=30), processes.WorkerDied)
    assert pool.submit(operator.add, 1, 2) is None
    assert pool.broken


@pytest.mark.slow  # starts worker processes: in the whole suite, not the fast tier
def test_closing_does_not_wait_for_a_busy_worker(pool):
    pool.submit(time.sleep, 120)
    assert pool.submit(operator.add, 1, 1).result(timeout=30) == 2
    started = time.monotonic()
    pool.close()
    assert time.monotonic() - started < 60  # not the two minutes the job would take
    assert all(w.process.poll() is not None for w in pool.workers)


@pytest.mark.slow  # starts worker processes: in the whole suite, not the fast tier
def test_a_worker_that_cannot_start_fails_its_jobs(tmp_path):
    """A configuration the worker cannot load (its module gone since): the jobs fail with
    `WorkerDied`, none waits forever."""
    pool = processes.Pool(1, b"not a pickle")
    try:
        future = pool.submit(operator.add, 1, 2)
        assert future is not None
        with pytest.raises(processes.WorkerDied):
            future.result(timeout=60)
    finally:
        pool.close()


def test_frames_round_trip():
    import io

    stream = io.BytesIO(processes.frame({"a": [1, 2]}) + processes.frame(None))
    assert pickle.loads(processes.read_frame(stream)) == {"a": [1, 2]}
    assert pickle.loads(processes.read_frame(stream)) is None
    with pytest.raises(EOFError):
        processes.read_frame(stream)
    with pytest.raises(EOFError):  # a frame cut short
        processes.read_frame(io.BytesIO(processes.frame("abc")[:-1]))


@pytest.mark.slow  # starts worker processes: in the whole suite, not the fast tier
def test_futures_are_concurrent_futures(pool):
    assert isinstance(pool.submit(abs, -3), concurrent.futures.Future)


def _image_jobs(folder, count: int) -> list:
    from conftest import image_bytes

    from mkdocs_perceptual.build.images import Job
    from mkdocs_perceptual.markdown.imaging import Copy

    jobs = []
    for i in range(count):
        source = folder / f"in{i}.jpg"
        source.write_bytes(image_bytes(400 + 10 * i, 300, "JPEG", seed=i))
        out = folder / f"out{i}"
        out.mkdir()
        jobs.append(Job(str(source), [Copy(200, "JPEG", str(out / "200.jpg"))], f"i{i}.jpg"))
    return jobs


@pytest.mark.slow  # starts worker processes: in the whole suite, not the fast tier
def test_the_images_copies_are_made_in_workers_as_here(tmp_path):
    """The images' pool (no configuration sent): the copies the workers write are the bytes
    this process writes."""
    from mkdocs_perceptual.build import images

    (tmp_path / "pool").mkdir()
    (tmp_path / "here").mkdir()
    pooled = _image_jobs(tmp_path / "pool", 6)
    here = _image_jobs(tmp_path / "here", 6)
    assert images._run(pooled, 80, 2) == [None] * 6
    assert images._run(here, 80, 1) == [None] * 6
    for a, b in zip(pooled, here, strict=True):
        assert Path(a.copies[0].path).read_bytes() == Path(b.copies[0].path).read_bytes()


@pytest.mark.slow  # starts worker processes: in the whole suite, not the fast tier
def test_an_image_whose_worker_died_is_made_here(tmp_path, monkeypatch, caplog):
    """Jobs a dead worker held, and those it could not be handed, are made in this process;
    the others are the workers'."""
    from mkdocs_perceptual.build import images

    jobs = _image_jobs(tmp_path, 5)
    handed = []

    class HalfDeadPool:
        def __init__(self, count, payload):
            assert payload is None
            self.calls = 0

        def submit(self, fn, *args):
            self.calls += 1
            handed.append(args[0].src_uri)
            future = concurrent.futures.Future()
            if self.calls == 2:
                future.set_exception(processes.WorkerDied("killed"))
            elif self.calls > 3:
                return None  # the pool is broken from then on
            else:
                future.set_result(fn(*args))
            return future

        def close(self):
            pass

    monkeypatch.setattr(images, "Pool", HalfDeadPool)
    caplog.set_level(logging.INFO)
    assert images._run(jobs, 80, 2) == [None] * 5
    assert handed == ["i0.jpg", "i1.jpg", "i2.jpg", "i3.jpg", "i4.jpg"]
    assert all(os.path.getsize(job.copies[0].path) > 0 for job in jobs)
    assert "a worker process died" in caplog.text


@pytest.mark.slow  # starts worker processes: in the whole suite, not the fast tier
def test_threads_switch_often_while_workers_run_and_as_before_after(tmp_path, monkeypatch):
    """A reply's reading thread is not kept waiting 5 ms for the lock after each read while
    the build's thread computes: the switch interval is `SWITCH` while any pool runs (two at
    once: the posts' and the images'), and what it was once the last is closed."""
    before = sys.getswitchinterval()
    for name in ("first", "second"):
        (tmp_path / name).mkdir()
    first = make_pool(tmp_path / "first")
    second = make_pool(tmp_path / "second")
    try:
        assert sys.getswitchinterval() == pytest.approx(processes.SWITCH)
        first.close()
        assert sys.getswitchinterval() == pytest.approx(processes.SWITCH)
        assert first.submit(operator.add, 1, 2) is None
        assert second.submit(operator.add, 1, 2).result(timeout=30) == 3
    finally:
        second.close()
        first.close()  # again: nothing
    assert sys.getswitchinterval() == before
    monkeypatch.setattr(sys, "executable", str(tmp_path / "no-python"))
    with pytest.raises(FileNotFoundError):
        processes.Pool(1, None)  # no worker started: the interval is left alone
    assert sys.getswitchinterval() == before
