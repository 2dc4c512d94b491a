#!/bin/sh
# Entrypoint of every n8n container of this image: check the secrets this process uses, then
# hand over to the official image's entrypoint (tini stays PID 1, see the Dockerfile).
set -eu
/bin/sh /opt/shop-sync/check-secrets.sh \
	N8N_ENCRYPTION_KEY DB_POSTGRESDB_PASSWORD QUEUE_BULL_REDIS_PASSWORD N8N_RUNNERS_AUTH_TOKEN N8N_INSTANCE_OWNER_PASSWORD_HASH
exec /docker-entrypoint.sh "$@"
