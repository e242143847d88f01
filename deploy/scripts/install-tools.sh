#!/usr/bin/env bash
# Installs the command-line tools the deployment checks (`npx nx test deploy`)
# need besides npm packages: kustomize 5, to render deploy/k8s offline.
# Idempotent; meant to be called from scripts/prepare-env.sh.
#
# Order of preference: a `kustomize` already on PATH (GitHub's Ubuntu runners
# ship one), a `kubectl` whose built-in kustomize is v5, then Debian's
# `kustomize` package. Debian bookworm has none; trixie's (5.6) only needs
# libc6 >= 2.34, so it is fetched from trixie with a package list of its own,
# leaving the machine's apt sources untouched.
set -euo pipefail

say() { echo "install-tools: $*" >&2; }
have() { command -v "$1" >/dev/null 2>&1; }

kubectl_has_kustomize_v5() {
  have kubectl && kubectl version --client 2>/dev/null | grep -Eq 'Kustomize Version: v5\.'
}

if have kustomize || kubectl_has_kustomize_v5; then
  exit 0
fi
if ! have apt-get || ! have dpkg; then
  say "no kustomize and no apt-get: install kustomize 5 (https://kubectl.docs.kubernetes.io/installation/kustomize/)"
  exit 1
fi

SUITE=${KUSTOMIZE_DEBIAN_SUITE:-trixie}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/lists/partial" "$WORK/archives/partial"
MIRROR=${KUSTOMIZE_DEBIAN_MIRROR:-http://deb.debian.org/debian}
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
echo "deb [signed-by=$KEYRING] $MIRROR $SUITE main" >"$WORK/sources.list"
APT=(-o "Dir::Etc::SourceList=$WORK/sources.list" -o Dir::Etc::SourceParts=/dev/null
  -o "Dir::State::Lists=$WORK/lists" -o "Dir::Cache::Archives=$WORK/archives" -o APT::Sandbox::User=root)

say "installing kustomize from Debian $SUITE"
apt-get "${APT[@]}" update -qq
(cd "$WORK" && apt-get "${APT[@]}" download -qq kustomize)
dpkg -i "$WORK"/kustomize_*.deb >/dev/null
kustomize version >/dev/null
say "kustomize installed: $(command -v kustomize)"
