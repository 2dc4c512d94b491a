#!/bin/sh
# One-shot import (docker compose --profile import run --rm n8n-import): credentials from
# /opt/shop-sync/credentials/*.json (mounted, optional), then every shipped workflow, each one
# published. n8n's CLI works on the database directly, so this runs without the main process;
# restart the main process afterwards so it activates what was published.
set -eu
# The import encrypts credentials with N8N_ENCRYPTION_KEY: never with a placeholder.
/bin/sh /opt/shop-sync/check-secrets.sh N8N_ENCRYPTION_KEY DB_POSTGRESDB_PASSWORD QUEUE_BULL_REDIS_PASSWORD
N8N="n8n"
if [ -d /opt/shop-sync/credentials ] && ls /opt/shop-sync/credentials/*.json >/dev/null 2>&1; then
	echo "Importing credentials from /opt/shop-sync/credentials…"
	$N8N import:credentials --separate --input=/opt/shop-sync/credentials
fi
if ls /opt/shop-sync/workflows/*.json >/dev/null 2>&1; then
	echo "Importing workflows…"
	$N8N import:workflow --separate --input=/opt/shop-sync/workflows
	for file in /opt/shop-sync/workflows/*.json; do
		id=$(node -e 'process.stdout.write(String(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).id))' "$file")
		echo "Publishing $id ($file)…"
		$N8N publish:workflow --id="$id"
	done
else
	echo "No workflows to import in /opt/shop-sync/workflows."
fi
