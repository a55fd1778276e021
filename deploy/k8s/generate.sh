#!/usr/bin/env bash
# Renders deploy/k8s/manifests/<environment>/ (dev, prod): packages the four services (their Quarkus Kubernetes
# extension writes target/kubernetes/kubernetes.yml from application.properties), then runs the generator
# (com.hartomat.deploy.k8s.GenerateManifests) over that output, the services' configuration, the contracts' topic
# catalogue and deploy/routes/routes.json. It also writes docs/asyncapi.yaml, the topics' AsyncAPI document. Every file
# under deploy/k8s/manifests/ comes from here; the deploy-k8s
# tests fail when the committed files differ from what this script writes. Needs a JDK and Maven, not kubectl.
#
#   deploy/k8s/generate.sh            (extra Maven arguments are passed on, e.g. -o for offline)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
./mvnw -B -q "$@" package -DskipTests -Pgenerate-manifests -pl deploy/k8s -am
