#!/usr/bin/env bash
# `make bench`: GraphQL regions query vs a bare Litestar endpoint on one server, under wrk.
# Arguments pass through, e.g. `bash infra/scripts/bench.sh -c 64 -d 20 --workers 4`.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash infra/scripts/ensure-tools.sh python wrk
exec uv run python -m bench.http_graphql_vs_bare "$@"
