"""deploy/kubernetes/ as a cluster would take it: every object valid against the Kubernetes schemas that
kubernetes-validate bundles (offline, strict: unknown fields fail), and the files consistent with one another
and with `quotes serve`."""
from __future__ import annotations

import copy
import pathlib
from typing import Any

import kubernetes_validate
import pytest
import yaml

from conftest import ROOT

MANIFESTS = ROOT / "deploy" / "kubernetes"
# an older minor version (the manifests use nothing newer: gRPC probes are GA since 1.27) and the newest bundled
KUBERNETES_VERSIONS = ["1.33", kubernetes_validate.latest_version()]
KUBERNETES_VERSION = KUBERNETES_VERSIONS[0]
NOT_OBJECTS = {"kustomization.yaml"}  # kustomize's own configuration, not a Kubernetes API object


def _documents() -> list[tuple[pathlib.Path, dict[str, Any]]]:
    """Every non-empty YAML document of the manifests, with its file."""
    return [(path, doc) for path in sorted(MANIFESTS.glob("*.yaml")) if path.name not in NOT_OBJECTS
            for doc in yaml.safe_load_all(path.read_text()) if doc]


DOCUMENTS = _documents()


def _object(kind: str) -> dict[str, Any]:
    """The one object of this kind in the manifests."""
    found = [doc for _, doc in DOCUMENTS if doc["kind"] == kind]
    assert len(found) == 1, f"{len(found)} objects of kind {kind}"
    return found[0]


def _container() -> dict[str, Any]:
    containers = _object("Deployment")["spec"]["template"]["spec"]["containers"]
    assert len(containers) == 1
    return containers[0]


def _args() -> dict[str, str]:
    """The container's `quotes serve` options, as --name: value (from `--name=value` or `--name value`)."""
    args = [str(a) for a in _container()["args"]]
    assert args[0] == "serve"  # the image's ENTRYPOINT is `quotes`
    options: dict[str, str] = {}
    i = 1
    while i < len(args):
        name, eq, value = args[i].partition("=")
        if not eq:
            value, i = args[i + 1], i + 1
        options[name] = value
        i += 1
    return options


def _port(name: str) -> int:
    """The container port with this name."""
    return next(p["containerPort"] for p in _container()["ports"] if p["name"] == name)


def test_the_manifests_hold_the_expected_objects() -> None:
    assert sorted(doc["kind"] for _, doc in DOCUMENTS) == [
        "Deployment", "HorizontalPodAutoscaler", "PodDisruptionBudget", "Service"]


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
@pytest.mark.parametrize("doc", [d for _, d in DOCUMENTS],
                         ids=[f"{p.name}:{d['kind']}/{d['metadata']['name']}" for p, d in DOCUMENTS])
def test_every_object_is_valid_kubernetes(doc: dict[str, Any], version: str) -> None:
    try:
        kubernetes_validate.validate(doc, version, strict=True)
    except kubernetes_validate.ValidationError as exc:
        pytest.fail(f"{'.'.join(map(str, exc.path))}: {exc.message}")


def test_strict_validation_rejects_a_misspelt_field() -> None:
    """The check above has teeth: a typo that a lenient apply would drop silently fails here."""
    broken = copy.deepcopy(_object("Deployment"))
    broken["spec"]["template"]["spec"]["containers"][0]["readinesProbe"] = {"grpc": {"port": 50051}}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, KUBERNETES_VERSION, strict=True)


def test_kustomization_lists_every_manifest() -> None:
    kustomization = yaml.safe_load((MANIFESTS / "kustomization.yaml").read_text())
    assert sorted(kustomization["resources"]) == sorted({p.name for p, _ in DOCUMENTS})


def test_the_probes_call_the_grpc_health_service_on_the_served_port() -> None:
    container, port = _container(), _port("grpc")
    assert int(_args()["--port"]) == port == 50051
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert container[probe]["grpc"]["port"] == port, probe
        assert container[probe]["grpc"].get("service", "") == ""  # the server's overall health


def test_the_metrics_port_is_the_one_served() -> None:
    assert int(_args()["--metrics-port"]) == _port("metrics")


def test_the_service_is_headless_and_selects_the_deployments_pods() -> None:
    service, deployment = _object("Service"), _object("Deployment")
    pod_labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert service["spec"]["clusterIP"] == "None"  # DNS gives every pod's IP: client-side balancing
    assert service["spec"]["selector"].items() <= pod_labels.items()
    assert deployment["spec"]["selector"]["matchLabels"].items() <= pod_labels.items()
    grpc_port = next(p for p in service["spec"]["ports"] if p["name"] == "grpc")
    assert grpc_port["port"] == 50051 and grpc_port["targetPort"] in ("grpc", _port("grpc"))


def test_the_autoscaler_scales_the_deployment() -> None:
    hpa, deployment = _object("HorizontalPodAutoscaler"), _object("Deployment")
    target = hpa["spec"]["scaleTargetRef"]
    assert (target["apiVersion"], target["kind"], target["name"]) == ("apps/v1", "Deployment",
                                                                      deployment["metadata"]["name"])
    assert 2 <= hpa["spec"]["minReplicas"] < hpa["spec"]["maxReplicas"]
    assert "replicas" not in deployment["spec"]  # the autoscaler owns the count; apply would reset it
    assert "cpu" in _container()["resources"]["requests"]  # CPU utilization is measured against the request


def test_the_disruption_budget_covers_the_deployments_pods() -> None:
    pdb, deployment = _object("PodDisruptionBudget"), _object("Deployment")
    pod_labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert pdb["spec"]["selector"]["matchLabels"].items() <= pod_labels.items()
    assert pdb["spec"].get("maxUnavailable") == 1 or pdb["spec"].get("minAvailable") == 1


def test_pods_get_time_to_drain_before_they_are_killed() -> None:
    """Kubernetes kills the pod terminationGracePeriodSeconds after it starts stopping it; that must cover the
    preStop sleep and then the server's own --grace for in-flight calls."""
    pod = _object("Deployment")["spec"]["template"]["spec"]
    sleep = _container()["lifecycle"]["preStop"]["exec"]["command"]
    assert sleep[0] == "sleep"
    assert pod["terminationGracePeriodSeconds"] > float(sleep[1]) + float(_args()["--grace"])


def test_connections_age_so_clients_find_new_replicas() -> None:
    assert float(_args()["--max-connection-age"]) > 0


def test_the_workers_fit_the_requested_cpus() -> None:
    requests = _container()["resources"]["requests"]
    assert int(_args()["--workers"]) == int(requests["cpu"])


def test_the_container_runs_as_the_images_non_root_user_on_a_read_only_root() -> None:
    pod = _object("Deployment")["spec"]["template"]["spec"]
    container = _container()
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert f"--uid {pod['securityContext']['runAsUser']} " in dockerfile
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert "/tmp" in {m["mountPath"] for m in container["volumeMounts"]}  # tempfile (the metrics' directory)
    assert container["image"].endswith(":" + _pyproject_version())


def _pyproject_version() -> str:
    import tomllib

    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
