-- wrk script: POST the GraphQL regions query.
-- The JSON body comes from BENCH_GRAPHQL_BODY, set by bench/http_graphql_vs_bare.py, so the
-- query is written in one place (bench/bare_app.py) and checked against the bare endpoint.
local body = os.getenv("BENCH_GRAPHQL_BODY")
if body == nil or body == "" then
  error("BENCH_GRAPHQL_BODY is not set (run through bench/http_graphql_vs_bare.py)")
end

wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
