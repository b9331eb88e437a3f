# OneTap — the two entry points everyone uses are `make run` and `make test`.
.DEFAULT_GOAL := help
SHELL := /bin/bash

.PHONY: help run test lint pwa schema bench

help: ## Show this help
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

run: ## Run OneTap locally (embedded PostgreSQL, demo data, API + PWA on http://localhost:8000)
	@bash infra/scripts/run.sh

test: ## Run every check and test (lint, types, layers, PWA units, pytest incl. Chromium)
	@bash infra/scripts/test.sh

lint: ## Lint, format check, types and import layers only
	@bash infra/scripts/lint.sh

pwa: ## Build the PWA into pwa/dist
	@bash infra/scripts/ensure-tools.sh node && cd pwa && npm run build

schema: ## Export the GraphQL SDL to api/schema.graphql
	@uv run onetap export-schema

bench: ## Benchmarks (print ratios against a baseline measured in the same run)
	@bash infra/scripts/bench.sh
