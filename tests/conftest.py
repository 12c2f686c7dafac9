"""What every package's tests share: the checkout on the import path, and the shared corpora.

The tests sit in one folder per package (claims/, sources/, checker/, ui/; the whole tree's checks at
this level). This file imports the standard library only, so that the claims tests run without the
database's code: the library's fixtures are in the conftest of the packages whose tests use it
(sources/, checker/, ui/), from support.py; tests/claims/test_pure.py checks it.
"""

from __future__ import annotations

import itertools
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CORPORA = ROOT.parent / "shared" / "corpora"


@pytest.fixture
def corpora() -> Path:
    if not (CORPORA / "seed").is_dir():
        pytest.skip("the shared corpora (../shared/corpora) are not beside this checkout")
    return CORPORA


# The modules that take longest (seconds of wall time, summed over their tests, a full run on a 2-core
# machine), and whether they mostly wait (on a Streamlit server and Chromium) rather than compute.
LONG_MODULES = {
    "ui/test_browser.py": (60, "waits"),
    "ui/test_signin_oidc.py": (50, "waits"),
    "ui/test_shared_deployment.py": (40, "waits"),
    "ui/test_ui.py": (30, "computes"),
    "checker/test_hostile_files.py": (20, "computes"),
    "claims/test_properties.py": (16, "computes"),
}


def pytest_xdist_auto_num_workers(config) -> int | None:
    """`-n auto` (pytest.ini): one worker more than the cores. A browser test's worker mostly waits on
    its Streamlit server and Chromium (test_browser.py: about 10 s of CPU in 50 s), and while it waits
    a core would be idle with one worker a core. PYTEST_XDIST_AUTO_NUM_WORKERS still decides when set."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return cores + 1


def pytest_collection_modifyitems(config, items) -> None:
    """Under xdist, the long modules start first, spread over the workers.

    xdist's worksteal gives each worker a contiguous share of the collected order and an idle worker
    takes the second half of another's queue. In the order of the tree, the browser modules (tests/ui)
    came last, together, in one worker's share: one worker ran them one after the other at the end of
    the run while the other was done. Here each worker's share starts with some of the long modules
    (whole, so that a module's server starts once), one that waits beside one that computes, and ends
    with short tests, which the other worker can take."""
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    if workers < 2 or len(items) < 2 * workers:
        return
    long: dict[str, list] = {}
    short = []
    for item in items:
        module = Path(str(item.path)).relative_to(Path(__file__).parent).as_posix()
        (long.setdefault(module, []) if module in LONG_MODULES else short).append(item)
    shares: list[list] = [[] for _ in range(workers)]
    loads = [0] * workers
    for module in sorted(long, key=lambda m: -LONG_MODULES[m][0]):  # the longest first, to the least loaded
        i = loads.index(min(loads))
        shares[i].append(module)
        loads[i] += LONG_MODULES[module][0]
    for i, modules in enumerate(shares):  # waiting first in one share, computing first in the next
        modules.sort(key=lambda m: (LONG_MODULES[m][1] == "waits") == (i % 2 == 1))
    # worksteal's first split: each worker in turn gets the remaining tests // the remaining workers
    sizes, left = [], len(items)
    for remaining in range(workers, 0, -1):
        sizes.append(left // remaining)
        left -= sizes[-1]
    ordered: list = []
    rest = iter(short)
    for size, modules in zip(sizes, shares):
        share = [item for m in modules for item in long[m]]
        share += list(itertools.islice(rest, max(0, size - len(share))))
        ordered += share
    ordered += list(rest)
    assert len(ordered) == len(items)
    items[:] = ordered


_component_scan: list = []


@pytest.fixture(autouse=True)
def _one_component_scan_per_process():
    """Streamlit's AppTest scans every installed package for v2 components (reading each one's
    metadata) once per AppTest, i.e. once per UI test: about a second of CPU each on this machine,
    a minute over the suite. A server scans once per start; the installed packages do not change
    during a run, so the UI tests share one scan per process, as the sessions of one server do."""
    scanner = sys.modules.get("streamlit.components.v2.manifest_scanner")
    if scanner is None and "streamlit.testing.v1" in sys.modules:
        import streamlit.components.v2.manifest_scanner as scanner
    if scanner is not None and not getattr(scanner.scan_component_manifests, "_shared", False):
        scan = scanner.scan_component_manifests

        def shared_scan(*args, **kwargs):
            if not _component_scan:
                _component_scan.append(scan(*args, **kwargs))
            return list(_component_scan[0])

        shared_scan._shared = True
        scanner.scan_component_manifests = shared_scan
    yield
