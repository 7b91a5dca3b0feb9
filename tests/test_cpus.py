"""available_cpus: the affinity mask, capped by a cgroup v2 quota."""
from __future__ import annotations

import os

import pytest

from quoteservice import cpus


@pytest.mark.parametrize(("content", "expected"), [
    ("max 100000\n", None), ("200000 100000\n", 2), ("150000 100000\n", 2), ("50000 100000\n", 1), ("junk", None),
])
def test_cgroup_quota(tmp_path, content, expected) -> None:
    f = tmp_path / "cpu.max"
    f.write_text(content)
    assert cpus._quota(f) == expected


def test_missing_cgroup_file_means_no_quota(tmp_path) -> None:
    assert cpus._quota(tmp_path / "absent") is None


def test_available_cpus_within_the_affinity_mask() -> None:
    assert 1 <= cpus.available_cpus() <= len(os.sched_getaffinity(0))
