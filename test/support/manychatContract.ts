import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import { parse } from 'yaml';

/**
 * Checks requests our ManyChat node sends against ManyChat's published OpenAPI description
 * (contracts/manychat/*.yml, see SOURCE.md there). The node tests record every request the
 * simulator receives and assert that each one conforms, so a node that drifts from the real
 * API fails in CI rather than in a customer's workflow.
 */

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	body: unknown;
}

type Schema = Record<string, unknown>;

/**
 * Corrections to ManyChat's published description, in one place so a reviewer can see every
 * point where our contract differs from the vendor's text.
 *
 * Each override replaces the schema at `pointer` (a JSON pointer into the operation's request
 * body schema). Loading fails when a pointer no longer exists, so we notice when ManyChat's file
 * changes under us instead of silently keeping a stale correction.
 *
 * Not an override, but a reading of the files worth knowing: every property carries the
 * generator's `isRequired: true`, including ones the text calls optional or conditional
 * (sendContent's `message_tag`, updateSubscriber's `first_name`, createSubscriber's "Phone
 * Number is required if Email ... empty"). It is an annotation, not JSON Schema; the
 * standard `required` lists are what ManyChat means, so partial updates already conform.
 */
const DYNAMIC_BLOCK: Schema = {
	description: 'ManyChat dynamic block, https://manychat.github.io/dynamic_block_docs/',
	type: 'object',
	required: ['version', 'content'],
	properties: {
		version: { type: 'string' },
		content: { type: 'object' },
	},
};

/** One item of setCustomFields/setBotFields: the field named by id OR by name, plus its value. */
const FIELD_BY_ID_OR_NAME: Schema = {
	type: 'object',
	additionalProperties: false,
	required: ['field_value'],
	properties: {
		field_id: { type: 'integer' },
		field_name: { type: 'string' },
		field_value: { description: 'string, number or boolean, by the field type' },
	},
	oneOf: [{ required: ['field_id'] }, { required: ['field_name'] }],
};

interface Override {
	operation: string;
	pointer: string;
	schema: Schema;
	reason: string;
}

const OVERRIDES: readonly Override[] = [
	{
		operation: 'POST /fb/sending/sendContent',
		pointer: '/properties/data',
		schema: DYNAMIC_BLOCK,
		reason:
			'`data` is declared as an object with additionalProperties: false and no properties, which ' +
			'rejects every message. The requestBody text points to the dynamic block format ' +
			"({version: 'v2', content: {...}}), so we check that outer shape and leave content open.",
	},
	{
		operation: 'POST /fb/sending/sendContentByUserRef',
		pointer: '/properties/data',
		schema: DYNAMIC_BLOCK,
		reason: 'Same defect as sendContent: the empty closed object rejects every dynamic block.',
	},
	{
		operation: 'POST /fb/subscriber/setCustomFields',
		pointer: '/properties/fields/items',
		schema: FIELD_BY_ID_OR_NAME,
		reason:
			'Each item requires field_id AND field_name, yet the requestBody text says "Use field_id OR ' +
			'field_name" and its own example gives one or the other, so the spec rejects its example.',
	},
	{
		operation: 'POST /fb/page/setBotFields',
		pointer: '/properties/fields/items',
		schema: FIELD_BY_ID_OR_NAME,
		reason: 'Same defect as setCustomFields: "Use field_id OR field_name", but both are required.',
	},
];

const CONTRACTS = join(__dirname, '..', '..', 'contracts', 'manychat');
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
/** JSON Schema `integer` admits negatives, and ManyChat's user_ref values are negative. */
const INTEGER_TEXT = /^-?\d+$/;

interface Parameter {
	name: string;
	in: string;
	required?: boolean;
	schema?: Schema;
}

interface Operation {
	parameters?: Parameter[];
	requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
}

interface OpenApiFile {
	paths: Record<string, Record<string, unknown>>;
	components?: { schemas?: Record<string, Schema> };
}

interface QueryParameter {
	name: string;
	required: boolean;
	type: string;
	accepts: (value: string) => boolean;
}

interface CompiledOperation {
	query: QueryParameter[];
	body?: { required: boolean; validate: ValidateFunction };
}

interface Contract {
	operations: Map<string, CompiledOperation>;
	methodsByPath: Map<string, string[]>;
}

/** Query values arrive as text, so a declared type is a question about what the text spells. */
const QUERY_TEXT_CHECKS: Record<string, (value: string) => boolean> = {
	integer: (value) => INTEGER_TEXT.test(value),
	number: (value) => value.trim() !== '' && Number.isFinite(Number(value)),
	boolean: (value) => value === 'true' || value === 'false',
	string: () => true,
};

let cache: Contract | undefined;

export function manyChatOperations(): string[] {
	return [...contract().operations.keys()];
}

export function manyChatContractProblems(request: RecordedRequest): string[] {
	const key = `${request.method.toUpperCase()} ${request.path}`;
	const operation = contract().operations.get(key);
	if (!operation) return [unknownOperation(key, request.path)];
	return [
		...queryProblems(operation.query, request.query).map((problem) => `${key} ${problem}`),
		...bodyProblems(operation, request.body).map((problem) => `${key} ${problem}`),
	];
}

function unknownOperation(key: string, path: string): string {
	const allowed = contract().methodsByPath.get(path);
	const hint = allowed ? ` (the path only allows ${allowed.join(', ')})` : '';
	return `${key} is not in ManyChat's API description${hint}`;
}

function queryProblems(declared: QueryParameter[], query: Record<string, string>): string[] {
	const problems: string[] = [];
	for (const parameter of declared) {
		const value = query[parameter.name];
		if (value === undefined) {
			if (parameter.required) problems.push(`query: missing required parameter '${parameter.name}'`);
		} else if (!parameter.accepts(value)) {
			problems.push(`query.${parameter.name}: '${value}' is not a valid ${parameter.type}`);
		}
	}
	const names = new Set(declared.map((parameter) => parameter.name));
	for (const name of Object.keys(query)) {
		if (!names.has(name)) problems.push(`query: parameter '${name}' is not declared for this operation`);
	}
	return problems;
}

function bodyProblems(operation: CompiledOperation, body: unknown): string[] {
	if (!operation.body) return body === undefined ? [] : ['body: this operation declares no request body'];
	if (body === undefined) return operation.body.required ? ['body: missing, but the operation requires one'] : [];
	if (operation.body.validate(body)) return [];
	return (operation.body.validate.errors ?? []).filter((error) => !insideAlternative(error)).map(describeError);
}

/**
 * When no alternative of a oneOf/anyOf fits, Ajv also reports why each alternative failed
 * ("must have required property 'field_id'" and "... 'field_name'"), which reads as if both
 * were needed. The combinator's own error, with its alternatives spelled out, says it right.
 */
function insideAlternative(error: ErrorObject): boolean {
	return /\/(oneOf|anyOf)\/\d+\//.test(error.schemaPath);
}

function describeError(error: ErrorObject): string {
	return `body${instancePath(error.instancePath)}: ${error.message ?? 'is invalid'}${errorDetail(error)}`;
}

/** '/fields/0/field_id' → '.fields[0].field_id', the way a reader would name the field. */
function instancePath(pointer: string): string {
	return pointer
		.split('/')
		.slice(1)
		.map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
		.map((segment) => (/^\d+$/.test(segment) ? `[${segment}]` : `.${segment}`))
		.join('');
}

/** Ajv keeps the offending name or allowed values in params; the message alone omits them. */
function errorDetail(error: ErrorObject): string {
	const params = error.params as Record<string, unknown>;
	if (error.keyword === 'additionalProperties') return `: '${String(params.additionalProperty)}'`;
	if (error.keyword === 'enum') return `: ${JSON.stringify(params.allowedValues)}`;
	if (error.keyword === 'const') return `: ${JSON.stringify(params.allowedValue)}`;
	if (error.keyword === 'oneOf' || error.keyword === 'anyOf') return `: ${alternatives(error.schema)}`;
	return '';
}

/** Needs Ajv's `verbose`, which puts the oneOf/anyOf list itself on the error. */
function alternatives(branches: unknown): string {
	if (!Array.isArray(branches)) return '';
	return branches.map(describeAlternative).join(' | ');
}

function describeAlternative(branch: unknown): string {
	const required = isObject(branch) ? branch.required : undefined;
	const onlyRequired = isObject(branch) && Object.keys(branch).length === 1 && Array.isArray(required);
	return onlyRequired ? `has ${required.join(' and ')}` : JSON.stringify(branch);
}

function contract(): Contract {
	cache ??= loadContract();
	return cache;
}

function loadContract(): Contract {
	const ajv = createAjv();
	const operations = new Map<string, CompiledOperation>();
	const methodsByPath = new Map<string, string[]>();
	const applied = new Set<Override>();
	for (const file of contractFiles()) {
		for (const [path, pathItem] of Object.entries(file.paths)) {
			for (const method of HTTP_METHODS.filter((name) => name in pathItem)) {
				const key = `${method.toUpperCase()} ${path}`;
				if (operations.has(key)) throw new Error(`${key} is described twice in ${CONTRACTS}`);
				const operation = pathItem[method] as Operation;
				const parameters = [...((pathItem.parameters as Parameter[] | undefined) ?? []), ...(operation.parameters ?? [])];
				operations.set(key, compileOperation(ajv, file, key, operation, parameters, applied));
				methodsByPath.set(path, [...(methodsByPath.get(path) ?? []), method.toUpperCase()]);
			}
		}
	}
	const unused = OVERRIDES.filter((override) => !applied.has(override));
	if (unused.length) throw new Error(`Overrides for unknown operations: ${unused.map((o) => o.operation).join(', ')}`);
	return { operations, methodsByPath };
}

function contractFiles(): OpenApiFile[] {
	return readdirSync(CONTRACTS)
		.filter((name) => name.endsWith('.yml'))
		.sort()
		.map((name) => parse(readFileSync(join(CONTRACTS, name), 'utf8')) as OpenApiFile);
}

function createAjv(): Ajv2020 {
	// strict stays on so a schema keyword Ajv does not understand fails loudly instead of being
	// skipped; strictRequired is off because the oneOf branches in FIELD_BY_ID_OR_NAME name
	// properties declared by their parent. The files declare no `format` today; ajv-formats is
	// not installed, so formats are not validated rather than breaking compilation if one appears.
	const ajv = new Ajv2020({
		allErrors: true,
		verbose: true,
		strict: true,
		strictRequired: false,
		allowUnionTypes: true,
		validateFormats: false,
	});
	// OpenAPI annotations that are not JSON Schema; see the note above OVERRIDES about isRequired.
	ajv.addVocabulary(['isRequired', 'example']);
	ajv.addKeyword({
		keyword: 'integerOrDigits',
		schemaType: 'boolean',
		errors: false,
		error: { message: 'must be an integer (or a string of digits)' },
		validate: (_enabled: boolean, data: unknown) => isIntegerLike(data),
	});
	return ajv;
}

/** Subscriber IDs exceed 2^53, so the node sends them as digit strings to keep every digit. */
function isIntegerLike(data: unknown): boolean {
	return Number.isInteger(data) || (typeof data === 'string' && INTEGER_TEXT.test(data));
}

function compileOperation(
	ajv: Ajv2020,
	file: OpenApiFile,
	key: string,
	operation: Operation,
	parameters: Parameter[],
	applied: Set<Override>,
): CompiledOperation {
	const query = parameters.filter((parameter) => parameter.in === 'query').map((p) => queryParameter(key, p));
	const requestBody = operation.requestBody;
	if (!requestBody) return { query };
	const schema = requestBody.content?.['application/json']?.schema;
	if (!schema) throw new Error(`${key}: only application/json request bodies are supported`);
	const corrected = withOverrides(key, schema, applied);
	const validate = ajv.compile({ ...adaptSchema(corrected), $defs: componentDefs(file) });
	return { query, body: { required: requestBody.required === true, validate } };
}

function queryParameter(key: string, parameter: Parameter): QueryParameter {
	const type = typeof parameter.schema?.type === 'string' ? parameter.schema.type : 'string';
	const accepts = QUERY_TEXT_CHECKS[type];
	if (!accepts) throw new Error(`${key}: query parameter '${parameter.name}' has unsupported type ${type}`);
	return { name: parameter.name, required: parameter.required === true, type, accepts };
}

function withOverrides(key: string, schema: Schema, applied: Set<Override>): Schema {
	let result = schema;
	for (const override of OVERRIDES.filter((candidate) => candidate.operation === key)) {
		result = replaceAt(result, override.pointer.split('/').slice(1), override.schema, override);
		applied.add(override);
	}
	return result;
}

/** Copies only along the pointer, so the parsed file and other operations stay untouched. */
function replaceAt(schema: Schema, segments: string[], replacement: Schema, override: Override): Schema {
	const [head, ...rest] = segments;
	if (head === undefined) return replacement;
	const child = schema[head];
	if (!isObject(child)) {
		throw new Error(`Override ${override.operation} ${override.pointer} no longer matches ManyChat's description`);
	}
	return { ...schema, [head]: replaceAt(child, rest, replacement, override) };
}

/** The file's components, adapted like the body, so `$ref`s resolve inside one compiled schema. */
function componentDefs(file: OpenApiFile): Record<string, unknown> {
	const schemas = file.components?.schemas ?? {};
	return Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, adaptSchema(schema)]));
}

/** Rewrites one schema and all its subschemas for Ajv: local `$ref`s and digit-string integers. */
function adaptSchema(schema: Schema): Schema {
	return integerOrDigits(localRef(mapSubschemas(schema, adaptSubschema)));
}

/** Subschemas may also be booleans (`additionalProperties: false`), which need no rewriting. */
function adaptSubschema(schema: unknown): unknown {
	if (typeof schema === 'boolean') return schema;
	if (!isObject(schema)) throw new Error(`Not a schema: ${JSON.stringify(schema)}`);
	return adaptSchema(schema);
}

/** The body schema is compiled on its own, so components move under its `$defs`. */
function localRef(schema: Schema): Schema {
	const ref = schema.$ref;
	if (ref === undefined) return schema;
	const prefix = '#/components/schemas/';
	if (typeof ref !== 'string' || !ref.startsWith(prefix)) throw new Error(`Unsupported $ref ${String(ref)}`);
	return { ...schema, $ref: `#/$defs/${ref.slice(prefix.length)}` };
}

/** `type: integer` becomes our keyword that also takes digit strings; every other type is kept. */
function integerOrDigits(schema: Schema): Schema {
	if (Array.isArray(schema.type) && schema.type.includes('integer')) {
		throw new Error('type lists containing integer are not supported; extend integerOrDigits');
	}
	if (schema.type !== 'integer') return schema;
	const adapted: Schema = { ...schema, integerOrDigits: true };
	delete adapted.type;
	return adapted;
}

const SUBSCHEMA_MAPS = ['properties', 'patternProperties', 'dependentSchemas', '$defs'];
const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SUBSCHEMAS = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames'];

/** Applies `map` to the direct subschemas only, so names and examples are never mistaken for schemas. */
function mapSubschemas(schema: Schema, map: (subschema: unknown) => unknown): Schema {
	const result: Schema = { ...schema };
	for (const keyword of SUBSCHEMAS.filter((name) => name in schema)) result[keyword] = map(schema[keyword]);
	for (const keyword of SUBSCHEMA_LISTS.filter((name) => name in schema)) {
		result[keyword] = (schema[keyword] as unknown[]).map(map);
	}
	for (const keyword of SUBSCHEMA_MAPS.filter((name) => name in schema)) {
		const entries = Object.entries(schema[keyword] as Record<string, unknown>);
		result[keyword] = Object.fromEntries(entries.map(([name, subschema]) => [name, map(subschema)]));
	}
	return result;
}

function isObject(value: unknown): value is Schema {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}
