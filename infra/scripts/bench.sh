#!/usr/bin/env bash
# `make bench`: every benchmark, each printing ratios against a baseline from its own run.
#   http_graphql_vs_bare: GraphQL regions query vs a bare Litestar endpoint, under wrk.
#   identity_logins: concurrent Argon2id logins (rate, p99, peak RSS) and bearer-token cost.
#   casework_queries: my cases, 12345 lookups and catalogue search on 1 M persons and 3 M
#     cases (generated once by casework_dataset into .data/bench, about ten minutes).
#   licenses_verify: the e-license verify page and status list vs the bare endpoint, wrk.
#   licenses_issuance: licenses per second (sign, render, store) in-process, with baselines.
# Run one alone with its module, e.g. `uv run python -m bench.identity_logins --help`.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash infra/scripts/ensure-tools.sh python wrk
uv run python -m bench.http_graphql_vs_bare
uv run python -m bench.identity_logins
uv run python -m bench.licenses_verify
uv run python -m bench.licenses_issuance
if [[ ! -f .data/bench/casework-dataset.json ]]; then
    uv run python -m bench.casework_dataset
fi
uv run python -m bench.casework_queries
