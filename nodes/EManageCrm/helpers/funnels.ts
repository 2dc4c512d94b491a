import type { IExecuteFunctions } from 'n8n-workflow';

import { parameterError } from '../../shared/errors';
import { locatorValue } from './parameters';

export function funnelId(this: IExecuteFunctions, itemIndex: number): string {
	const id = locatorValue.call(this, 'funnel', itemIndex);
	if (id === '') throw parameterError(this.getNode(), 'Funnel', 'is empty', 'Pick a funnel from the list, or enter the CTRwow funnel ID.', itemIndex);
	return id;
}
