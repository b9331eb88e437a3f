#!/usr/bin/env bash
# Installs what the project needs on a fresh machine, each step only when missing:
#   python  -> uv (from PyPI) and the locked virtualenv
#   node    -> pwa/node_modules from package-lock.json
#   browser -> Debian's chromium (never a downloaded browser build)
#   wrk     -> Debian's wrk (benchmarks)
set -euo pipefail
cd "$(dirname "$0")/../.."

need_uv() {
  if ! command -v uv >/dev/null 2>&1; then
    python3 -m pip install --quiet --disable-pip-version-check uv
  fi
  UV_PYTHON_DOWNLOADS=never uv sync --locked --quiet
}

need_node() {
  if [ ! -d pwa/node_modules ] || [ pwa/package-lock.json -nt pwa/node_modules/.package-lock.json ]; then
    (cd pwa && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

apt_install() {
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

need_browser() {
  command -v chromium >/dev/null 2>&1 || apt_install chromium fonts-noto-cjk
}

need_wrk() {
  command -v wrk >/dev/null 2>&1 || apt_install wrk
}

for tool in "${@:-python node}"; do
  for t in $tool; do
    case "$t" in
      python) need_uv ;;
      node) need_node ;;
      browser) need_browser ;;
      wrk) need_wrk ;;
      *) echo "ensure-tools: unknown tool $t" >&2; exit 2 ;;
    esac
  done
done
