/**
 * What to do about CEGID's refusals. Y2 has no error codes worth keying on; its messages (REST
 * exceptions, SOAP BusinessFaultDetail) are matched by their words, as other integrators do.
 */
const BY_MESSAGE: Array<[RegExp, string]> = [
	[
		/already exists|duplicate/i,
		'The site checks customers for duplicates (Y2: BO > Settings > Customers > Check for duplicates, e.g. unique e-mail) and found one. Use the Upsert operation, which finds the existing customer by external reference or e-mail and updates it.',
	],
	[
		/anonymi[sz]/i,
		'Anonymizing needs the "Anonymization (menu 26)" right for the API user, and is refused while the customer has outstanding payments or clothing allowances. Close the customer instead, or fix this in Y2 first.',
	],
	[/country/i, "CEGID expects its own 3-letter country code (ISO alpha-3 on most sites). Check Country, or add the site's code under Options → Country Code Overrides."],
	[/zip|postal code|city/i, 'Zip code, city and country must be consistent with each other in CEGID. Check the address fields.'],
	[/opt-?in|privacy/i, "The opt-ins must match the site's privacy setting (one for all, one per channel, or one per item). Set Options → Privacy Setting to the site's setting."],
	[/last ?name/i, 'CEGID requires a last name for an individual customer. Set Last Name, or Options → Last Name When Missing.'],
	[/store/i, "The API user's store restrictions hide this customer or store. Give the user access to all stores, or check Usual Store ID."],
	[/not (be )?found|does not exist|unknown customer|no customer/i, 'Check the customer ID or external reference. Pick the customer from the list to be sure it exists.'],
];

export function cegidHint(statusCode: number, message: string | undefined): string | undefined {
	if (statusCode === 401) {
		return 'Check User, Password and Database ID in the "CEGID Retail Y2 API" credential: Y2 logs in as DATABASEID\\user, so a wrong Database ID is refused like a wrong password.';
	}
	for (const [pattern, hint] of BY_MESSAGE) if (message && pattern.test(message)) return hint;
	if (statusCode === 404) {
		return 'CEGID found no such record or address. Check the customer ID, and the URL, Database ID and API Flavour in the credential.';
	}
	return undefined;
}
