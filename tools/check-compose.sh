#!/usr/bin/env bash
# Static check of docker-compose.yml, Dockerfile and .dockerignore; needs no
# Docker engine.
#
#   1. `docker compose config -q` (Compose v2 plugin) or `docker-compose config -q`
#      (standalone), whichever exists: full schema validation and interpolation.
#   2. Always: a python3 + PyYAML check of what this project relies on (services,
#      images, environment, healthchecks, depends_on conditions, the ingest
#      profile, the named volume) and a few Dockerfile and .dockerignore rules.
#
# Exits non-zero on any problem, or when no YAML parser at all can be found.
# Usage: tools/check-compose.sh [path/to/docker-compose.yml]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
compose_file="${1:-$root/docker-compose.yml}"
dockerfile="$root/Dockerfile"
dockerignore="$root/.dockerignore"

fail=0
say() { printf 'check-compose: %s\n' "$*"; }

for f in "$compose_file" "$dockerfile" "$dockerignore"; do
    [[ -f "$f" ]] || { say "missing file: $f"; exit 1; }
done

# Interpolation must work with nothing set, as on a fresh machine.
unset NEO4J_USER NEO4J_PASSWORD ARCHIVEGRAPH_TOKEN || true

# --- 1. the compose tool's own validation, when there is one ---------------
validator=""
if command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
    validator="docker compose"
elif command -v docker-compose >/dev/null 2>&1; then
    validator="docker-compose"
fi
if [[ -n "$validator" ]]; then
    # --profile ingest so that the optional service is validated too.
    if out="$($validator -f "$compose_file" --profile ingest config -q 2>&1)"; then
        say "ok: $validator config -q"
        [[ -n "$out" ]] && printf '%s\n' "$out"
    else
        printf '%s\n' "$out"
        say "FAIL: $validator config -q"
        fail=1
    fi
else
    say "note: no docker compose plugin or docker-compose found; YAML checks only"
fi

# --- 2. project checks with python3 + PyYAML --------------------------------
py=""
for cand in python3 python; do
    if command -v "$cand" >/dev/null 2>&1; then py="$cand"; break; fi
done
if [[ -z "$py" ]]; then
    say "FAIL: python3 not found, cannot parse $compose_file"
    exit 1
fi
if ! "$py" -c 'import yaml' >/dev/null 2>&1; then
    say "PyYAML missing; installing it for this user"
    "$py" -m pip install --quiet --user pyyaml >/dev/null 2>&1 \
        || "$py" -m pip install --quiet --user --break-system-packages pyyaml >/dev/null 2>&1 \
        || true
    if ! "$py" -c 'import yaml' >/dev/null 2>&1; then
        say "FAIL: PyYAML is not available (pip install pyyaml, or apt-get install python3-yaml)"
        exit 1
    fi
fi

if ! "$py" - "$compose_file" "$dockerfile" "$dockerignore" <<'PY'
import re
import sys

import yaml

compose_path, dockerfile_path, dockerignore_path = sys.argv[1:4]
problems = []


def need(cond, msg):
    if not cond:
        problems.append(msg)


try:
    with open(compose_path, encoding="utf-8") as fh:
        doc = yaml.safe_load(fh)
except yaml.YAMLError as exc:
    print(f"check-compose: FAIL: {compose_path} is not valid YAML: {exc}")
    sys.exit(1)

need(isinstance(doc, dict), "top level must be a mapping")
doc = doc if isinstance(doc, dict) else {}
services = doc.get("services") or {}
need(isinstance(services, dict), "services must be a mapping")


def env_of(svc):
    env = svc.get("environment") or {}
    if isinstance(env, list):  # KEY=VALUE list form
        return dict((e.split("=", 1) + [""])[:2] for e in env)
    return env


def ports_of(svc):
    targets = set()
    for p in svc.get("ports") or []:
        if isinstance(p, dict):
            targets.add(str(p.get("target")))
        else:
            targets.add(str(p).split("/")[0].rsplit(":", 1)[-1])
    return targets


def healthcheck_ok(svc, name):
    hc = svc.get("healthcheck")
    need(isinstance(hc, dict), f"{name}: healthcheck missing")
    if not isinstance(hc, dict):
        return ""
    need(not hc.get("disable"), f"{name}: healthcheck disabled")
    test = hc.get("test")
    need(test, f"{name}: healthcheck.test missing")
    if isinstance(test, list):
        need(test and test[0] in ("CMD", "CMD-SHELL"),
             f"{name}: healthcheck.test list must start with CMD or CMD-SHELL")
        return " ".join(str(t) for t in test)
    return str(test or "")


def healthy_dependency(svc, name, dep="neo4j"):
    deps = svc.get("depends_on")
    need(isinstance(deps, dict) and isinstance(deps.get(dep), dict)
         and deps[dep].get("condition") == "service_healthy",
         f"{name}: depends_on.{dep}.condition must be service_healthy")


for required in ("neo4j", "api"):
    need(required in services, f"service '{required}' missing")

neo = services.get("neo4j") or {}
if neo:
    need(neo.get("image") == "neo4j:5.26-community",
         "neo4j: image must be neo4j:5.26-community")
    auth = str(env_of(neo).get("NEO4J_AUTH", ""))
    need("${NEO4J_USER" in auth and "${NEO4J_PASSWORD" in auth,
         "neo4j: NEO4J_AUTH must come from ${NEO4J_USER}/${NEO4J_PASSWORD}")
    need({"7474", "7687"} <= ports_of(neo), "neo4j: ports 7474 and 7687 must be published")
    vols = neo.get("volumes") or []
    data_vols = [v for v in vols if str(v if not isinstance(v, dict) else
                 f"{v.get('source')}:{v.get('target')}").endswith(":/data")
                 or str(v).split(":")[1:2] == ["/data"]]
    need(data_vols, "neo4j: a volume must be mounted at /data")
    named = set((doc.get("volumes") or {}).keys())
    for v in data_vols:
        src = v.get("source") if isinstance(v, dict) else str(v).split(":")[0]
        need(src in named, f"neo4j: /data volume '{src}' must be a named top-level volume")
    test = healthcheck_ok(neo, "neo4j")
    need(any(k in test for k in ("cypher-shell", "7474", "7687")),
         "neo4j: healthcheck must really probe Bolt (cypher-shell) or HTTP (7474)")

api = services.get("api") or {}
if api:
    need(api.get("build"), "api: must be built from the Dockerfile (build:)")
    env = env_of(api)
    for key in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD",
                "ARCHIVEGRAPH_ADDR", "ARCHIVEGRAPH_TOKEN"):
        need(key in env, f"api: environment {key} missing")
    need(str(env.get("NEO4J_URI", "")).startswith("neo4j://neo4j:7687"),
         "api: NEO4J_URI must be neo4j://neo4j:7687")
    need("8080" in ports_of(api), "api: port 8080 must be published")
    healthy_dependency(api, "api")
    test = healthcheck_ok(api, "api")
    need("/healthz" in test, "api: healthcheck must probe /healthz")

ing = services.get("ingest")
if ing is not None:
    need("ingest" in (ing.get("profiles") or []), "ingest: must be in profile 'ingest'")
    cmd = ing.get("command")
    cmd = " ".join(cmd) if isinstance(cmd, list) else str(cmd or "")
    need(cmd.split()[:1] == ["ingest"] and "/app/examples/corpus" in cmd,
         "ingest: command must be 'ingest /app/examples/corpus'")
    healthy_dependency(ing, "ingest")

# --- Dockerfile -------------------------------------------------------------
with open(dockerfile_path, encoding="utf-8") as fh:
    lines = [l.strip() for l in fh if l.strip() and not l.strip().startswith("#")]
froms = [l for l in lines if l.upper().startswith("FROM ")]
need(len(froms) >= 2, "Dockerfile: must be multi-stage (two FROM lines or more)")
need(froms and re.match(r"FROM\s+golang:1\.26\b", froms[0], re.I),
     "Dockerfile: build stage must be FROM golang:1.26")
text = "\n".join(lines)
need(re.search(r"COPY\s+go\.mod\s+go\.sum", text), "Dockerfile: copy go.mod go.sum before the sources")
need("go mod download" in text, "Dockerfile: go mod download missing")
need("CGO_ENABLED=0" in text and "./cmd/archivegraph" in text,
     "Dockerfile: CGO_ENABLED=0 go build ./cmd/archivegraph missing")
need(re.search(r"COPY\s+(--\S+\s+)*examples/?\s", text), "Dockerfile: examples/ must be copied in")
need(re.search(r"^EXPOSE\s+8080\b", text, re.M), "Dockerfile: EXPOSE 8080 missing")
users = re.findall(r"^USER\s+(\S+)", text, re.M)
need(users and users[-1].split(":")[0] not in ("root", "0"),
     "Dockerfile: the runtime stage must run as a non-root USER")
need(re.search(r"^ENTRYPOINT\s", text, re.M), "Dockerfile: ENTRYPOINT missing")
need(re.search(r'^CMD\s+\[\s*"serve"', text, re.M), "Dockerfile: default CMD must be serve")

# --- .dockerignore must not drop what the build needs --------------------------
with open(dockerignore_path, encoding="utf-8") as fh:
    ignored = {l.strip().strip("/") for l in fh if l.strip() and not l.startswith("#")}
for keep in ("go.mod", "go.sum", "examples", "cmd", "extractor", "graph", "api", "*", "**"):
    need(keep not in ignored, f".dockerignore: must not exclude '{keep}'")

if problems:
    for p in problems:
        print(f"check-compose: FAIL: {p}")
    sys.exit(1)
print(f"check-compose: ok: {len(services)} services, Dockerfile and .dockerignore pass the project checks")
PY
then
    fail=1
fi

exit "$fail"
