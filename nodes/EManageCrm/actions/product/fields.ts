import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/errors';
import { PRODUCT_FIELDS } from '../../transport/assumedContract';

const QUANTITY_HINT = 'eManageCRM sells quantity packages as their own products (e.g. SKU JETF_3 for 3 units)';
const VARIANT_HINT = 'Kept with the product so sync workflows can match it';

export const productFieldOptions: INodeProperties[] = [
	{ displayName: 'Active', name: 'isActive', type: 'boolean', default: true },
	{ displayName: 'Currency Code', name: 'currencyCode', type: 'string', default: 'USD', placeholder: 'USD' },
	{ displayName: 'Description', name: 'description', type: 'string', default: '' },
	{ displayName: 'Package Quantity', name: 'quantity', type: 'number', default: 1, description: QUANTITY_HINT },
	{ displayName: 'Price', name: 'price', type: 'number', typeOptions: { numberPrecision: 2 }, default: 0 },
	{ displayName: 'Product Type', name: 'productType', type: 'string', default: '' },
	{ displayName: 'Shopify Variant ID', name: 'shopifyVariantId', type: 'string', default: '', description: VARIANT_HINT },
];

export const updateFieldOptions: INodeProperties[] = [
	{ displayName: 'Active', name: 'isActive', type: 'boolean', default: true },
	{ displayName: 'Currency Code', name: 'currencyCode', type: 'string', default: 'USD', placeholder: 'USD' },
	{ displayName: 'Description', name: 'description', type: 'string', default: '' },
	{ displayName: 'Name', name: 'name', type: 'string', default: '' },
	{ displayName: 'Package Quantity', name: 'quantity', type: 'number', default: 1, description: QUANTITY_HINT },
	{ displayName: 'Price', name: 'price', type: 'number', typeOptions: { numberPrecision: 2 }, default: 0 },
	{ displayName: 'Product Type', name: 'productType', type: 'string', default: '' },
	{ displayName: 'Shopify Variant ID', name: 'shopifyVariantId', type: 'string', default: '', description: VARIANT_HINT },
	{ displayName: 'SKU', name: 'sku', type: 'string', default: '' },
];

/** The fields the user filled, limited to the contract's product fields. */
export function productBody(this: IExecuteFunctions, collection: IDataObject, itemIndex: number): IDataObject {
	const body: IDataObject = {};
	for (const field of PRODUCT_FIELDS) {
		const value = collection[field];
		if (value === undefined || value === '') continue;
		body[field] = value;
	}
	if (body.currencyCode !== undefined && !/^[A-Z]{3}$/.test(String(body.currencyCode))) {
		throw parameterError(this.getNode(), 'Currency Code', `"${String(body.currencyCode)}" is not an ISO 4217 code`, 'Enter three capital letters, e.g. USD or EUR.', itemIndex);
	}
	if (body.price !== undefined && !(Number(body.price) >= 0)) {
		throw parameterError(this.getNode(), 'Price', 'must be 0 or more', 'Enter the package price, e.g. 49.95.', itemIndex);
	}
	return body;
}
