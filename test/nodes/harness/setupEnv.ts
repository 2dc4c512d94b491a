import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core keeps instance files under N8N_USER_FOLDER; never touch the developer's ~/.n8n.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'shop-sync-node-tests-'));
process.env.N8N_LOG_LEVEL ??= 'silent'; // node errors are asserted by the tests, not printed
