#!/usr/bin/env bash
set -euo pipefail
cd "$(dirname "$0")/../.."
echo "== ruff"; uv run ruff check . && uv run ruff format --check .
echo "== mypy"; uv run mypy
echo "== import layers"; uv run lint-imports
