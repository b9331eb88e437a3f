#!/usr/bin/env bash
# `make test`: the whole suite, as CI runs it.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash infra/scripts/ensure-tools.sh python node browser
bash infra/scripts/lint.sh
echo "== pwa: unit tests and build"
(cd pwa && npm test && npm run build)
echo "== pytest"
uv run pytest
