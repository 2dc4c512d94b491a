/**
 * A throw-away certificate authority for the Google-intercepting proxy, made with the `openssl`
 * CLI: a CA (ca.pem, given to n8n as NODE_EXTRA_CA_CERTS) and one leaf certificate for the Google
 * hosts it signs. Test and development wiring only: the CA's key stays in `dir` and trusts nothing
 * outside the process that is told to trust it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const GOOGLE_HOSTS = ['www.googleapis.com', 'gmail.googleapis.com', 'oauth2.googleapis.com'] as const;

export interface TestCa {
	caFile: string;
	key: Buffer;
	cert: Buffer;
}

function openssl(args: string[], cwd: string): void {
	try {
		execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
	} catch (error) {
		const stderr = String((error as { stderr?: Buffer }).stderr ?? '').trim();
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('The Gmail test wiring needs the openssl command on the PATH (apt-get install openssl).');
		throw new Error(`openssl ${args[0]} failed: ${stderr || (error as Error).message}`);
	}
}

/** Creates the CA and leaf in `dir` unless they are there already; returns the leaf and the CA file. */
export function ensureTestCa(dir: string): TestCa {
	mkdirSync(dir, { recursive: true });
	const file = (name: string) => join(dir, name);
	if (!existsSync(file('leaf.pem')) || !existsSync(file('leaf.key')) || !existsSync(file('ca.pem'))) {
		openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '365', '-subj', '/CN=Shop Sync local test CA (not trusted anywhere else)', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
		openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', `/CN=${GOOGLE_HOSTS[0]}`], dir);
		writeFileSync(
			file('leaf.ext'),
			[`subjectAltName=${GOOGLE_HOSTS.map((host) => `DNS:${host}`).join(',')}`, 'basicConstraints=CA:FALSE', 'keyUsage=digitalSignature,keyEncipherment', 'extendedKeyUsage=serverAuth', ''].join('\n'),
		);
		openssl(['x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', `0x${Date.now().toString(16)}`, '-out', 'leaf.pem', '-days', '364', '-extfile', 'leaf.ext'], dir);
	}
	return { caFile: file('ca.pem'), key: readFileSync(file('leaf.key')), cert: readFileSync(file('leaf.pem')) };
}
