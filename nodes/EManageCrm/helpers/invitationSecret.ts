import type { IExecuteFunctions } from 'n8n-workflow';

import { parameterError } from '../../shared/errors';
import { eManageCredentials } from '../transport';
import { MIN_SECRET_LENGTH } from './invitation';

/** The credential's invitation secret; an empty or short one is refused, never replaced by a default. */
export async function invitationSecret(this: IExecuteFunctions, itemIndex: number): Promise<string> {
	const secret = String((await eManageCredentials.call(this)).invitationSecret ?? '');
	if (secret.trim().length < MIN_SECRET_LENGTH) {
		throw parameterError(
			this.getNode(),
			'Onboarding Invitation Secret',
			secret.trim() === '' ? 'is empty' : `is shorter than ${MIN_SECRET_LENGTH} characters`,
			`Open the "eManageCRM API" credential and set "Onboarding Invitation Secret" to a random value of at least ${MIN_SECRET_LENGTH} characters (e.g. the output of "openssl rand -base64 48").`,
			itemIndex,
		);
	}
	return secret;
}
