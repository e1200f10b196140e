"""Runs the pinned JavaScript in tests/js (Lumen's own libraries) for differential tests.

`npm ci` installs exactly what `tests/js/package-lock.json` pins, once per test session.
Without node or npm the tests that need them skip locally and fail under CI=true.
"""

from __future__ import annotations

import fcntl
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

from conftest import need

JS = Path(__file__).resolve().parent / "js"
_installed = False


def install() -> str | None:
    """`npm ci` in tests/js unless what the lockfile pins is installed already, one process
    at a time; npm's error output, or None."""
    lock = JS / "package-lock.json"
    stamp = JS / "node_modules" / ".package-lock.json"
    # One install at a time: pytest-xdist's workers may all get here first.
    with open(JS / ".npm-ci.lock", "w") as guard:
        fcntl.flock(guard, fcntl.LOCK_EX)
        if not stamp.exists() or stamp.stat().st_mtime < lock.stat().st_mtime:
            result = subprocess.run(
                ["npm", "ci", "--no-audit", "--no-fund"], cwd=JS, capture_output=True, text=True
            )
            if result.returncode != 0:
                return result.stderr[-2000:]
    return None


def node_modules() -> None:
    """Install the pinned packages (once), or skip/fail the test when node is missing."""
    global _installed
    if _installed:
        return
    if shutil.which("node") is None or shutil.which("npm") is None:
        need("node and npm are not installed (the differential tests run Lumen's JavaScript)")
    error = install()
    if error is not None:
        need(f"npm ci failed in tests/js:\n{error}")
    _installed = True


def run_js(script: str, payload: Any, timeout: float = 120) -> Any:
    """Run tests/js/<script> with `payload` as JSON on stdin; its stdout is read as JSON."""
    node_modules()
    result = subprocess.run(
        ["node", str(JS / script)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        cwd=JS,
        timeout=timeout,
    )
    assert result.returncode == 0, f"node {script} failed:\n{result.stderr[-4000:]}"
    return json.loads(result.stdout)
