#!/usr/bin/env bash
# `make run`: everything on embedded defaults, one port.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash infra/scripts/ensure-tools.sh python node
# Rebuild the PWA when any of its sources (or the schema) is newer than the build.
if [ ! -f pwa/dist/index.html ] || [ -n "$(find pwa/src pwa/index.html pwa/vite.config.ts api/schema.graphql -newer pwa/dist/index.html 2>/dev/null | head -1)" ]; then
  (cd pwa && npm run build)
fi
exec uv run onetap serve --migrate --seed-demo
