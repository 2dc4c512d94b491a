// A timeout only catches hangs here; nothing in these layers asserts speed. On a shared two-core
// machine a cold start (DuckDB, the BigQuery client, n8n-core) can take longer than jest's 5 s.
jest.setTimeout(60_000);
