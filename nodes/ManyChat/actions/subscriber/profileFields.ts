import type { IDataObject, INodeProperties } from 'n8n-workflow';

/** Contact fields createSubscriber and updateSubscriber accept (WhatsApp phone: create only). */
export function profileFields(withWhatsApp: boolean): INodeProperties[] {
	return [
		{ displayName: 'Consent Phrase', name: 'consent_phrase', type: 'string', default: '', description: 'Required when SMS Opt-In is on: the text the contact agreed to' },
		{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
		{ displayName: 'Email Opt-In', name: 'has_opt_in_email', type: 'boolean', default: false, description: 'Whether the contact agreed to email marketing (required with Email)' },
		{ displayName: 'First Name', name: 'first_name', type: 'string', default: '' },
		{
			displayName: 'Gender',
			name: 'gender',
			type: 'options',
			options: [
				{ name: 'Female', value: 'female' },
				{ name: 'Male', value: 'male' },
			],
			default: 'female',
		},
		{ displayName: 'Last Name', name: 'last_name', type: 'string', default: '' },
		{ displayName: 'Phone', name: 'phone', type: 'string', default: '', placeholder: '+15550000001' },
		{ displayName: 'SMS Opt-In', name: 'has_opt_in_sms', type: 'boolean', default: false, description: 'Whether the contact agreed to SMS (required with Phone)' },
		...(withWhatsApp
			? [{ displayName: 'WhatsApp Phone', name: 'whatsapp_phone', type: 'string', default: '', placeholder: '+15550000001' } as INodeProperties]
			: []),
	];
}

/** Drops empty strings so unset optional fields are not sent as "". */
export function compact(fields: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== '' && value !== undefined && value !== null));
}
