/** `npm run n8n:install`: installs (or confirms) the pinned n8n in .runtime/ without starting it. */
import { ensureN8nHost } from './lib/n8nHost';

ensureN8nHost((line) => console.log(`[shop-sync] ${line}`))
	.then((host) => console.log(`n8n ${host.version} ready at ${host.dir}`))
	.catch((error: Error) => {
		console.error(error.message);
		process.exit(1);
	});
