"""How many CPUs this process may use: its affinity mask, capped by a cgroup v2 `cpu.max` quota."""
from __future__ import annotations

import math
import os
import pathlib

_CPU_MAX = pathlib.Path("/sys/fs/cgroup/cpu.max")


def _quota(path: pathlib.Path = _CPU_MAX) -> int | None:
    """CPUs allowed by the cgroup quota ("max 100000" means no quota), rounded up; None if unknown."""
    try:
        quota, period = path.read_text().split()[:2]
    except (OSError, ValueError):
        return None
    if quota == "max":
        return None
    return max(1, math.ceil(int(quota) / int(period)))


def available_cpus() -> int:
    """CPUs available to this process (inside a container: its quota, not the host's core count)."""
    try:
        n = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        n = os.cpu_count() or 1
    quota = _quota()
    return max(1, min(n, quota) if quota is not None else n)
