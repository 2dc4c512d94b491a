/**
 * The n8n queue-mode variables, shared by docker/docker-compose.yml (its `x-n8n-shared`
 * environment) and the local cluster (scripts/lib/n8nCluster.ts). A unit test checks that every
 * variable set here also appears in the compose file, so both setups stay the same topology.
 */
export interface QueueModeSettings {
	postgres: { host: string; port: number; database: string; user: string; password?: string };
	redis: { host: string; port: number };
	/** QUEUE_BULL_PREFIX and N8N_REDIS_KEY_PREFIX: separates installations (and test runs) on one Redis. */
	prefix: string;
	encryptionKey: string;
	/** DB_POSTGRESDB_POOL_SIZE; n8n's default of 2 connections queues webhooks under load. */
	poolSize?: number;
}

export function queueModeEnv(settings: QueueModeSettings): Record<string, string> {
	return {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: settings.postgres.host,
		DB_POSTGRESDB_PORT: String(settings.postgres.port),
		DB_POSTGRESDB_DATABASE: settings.postgres.database,
		DB_POSTGRESDB_USER: settings.postgres.user,
		DB_POSTGRESDB_PASSWORD: settings.postgres.password ?? '',
		DB_POSTGRESDB_POOL_SIZE: String(settings.poolSize ?? 10),
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: settings.redis.host,
		QUEUE_BULL_REDIS_PORT: String(settings.redis.port),
		QUEUE_BULL_PREFIX: settings.prefix,
		N8N_REDIS_KEY_PREFIX: settings.prefix,
		QUEUE_HEALTH_CHECK_ACTIVE: 'true',
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		N8N_ENCRYPTION_KEY: settings.encryptionKey,
	};
}

/** Variables of queueModeEnv, for the compose consistency test. */
export const QUEUE_MODE_VARIABLES = Object.keys(
	queueModeEnv({
		postgres: { host: '', port: 0, database: '', user: '' },
		redis: { host: '', port: 0 },
		prefix: '',
		encryptionKey: '',
	}),
);
