#!/usr/bin/env bash
# nginx and HAProxy for the load-balancer test (test/e2e/loadBalancer.e2e.ts, issue 18), which runs
# bridge/deploy/*'s example configs with its own ports. Only installs: the test starts each proxy
# in the foreground with a config of its own, under its own directory, and stops it.
#   bash test/services/proxies.sh install
# Debian's packages with apt-get; their system services are never started.
set -euo pipefail

log() { printf 'proxies.sh: %s\n' "$*" >&2; }

# shellcheck source=aptInstall.sh
. "$(dirname "${BASH_SOURCE[0]}")/aptInstall.sh"

install() {
  local missing=()
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
  command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || missing+=(haproxy)
  [ "${#missing[@]}" -eq 0 ] && return 0
  apt_install "${missing[@]}" || exit 1
}

case "${1:-}" in
  install) install ;;
  *) echo "usage: $0 install" >&2; exit 2 ;;
esac
