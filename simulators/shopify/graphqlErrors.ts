import {
	FieldsOnCorrectTypeRule,
	getVariableValues,
	KnownArgumentNamesRule,
	KnownTypeNamesRule,
	Kind,
	NoUndefinedVariablesRule,
	NoUnusedVariablesRule,
	print,
	ProvidedRequiredArgumentsRule,
	ScalarLeafsRule,
	specifiedRules,
	validate,
	ValuesOfCorrectTypeRule,
	VariablesAreInputTypesRule,
	VariablesInAllowedPositionRule,
	visit,
	type DocumentNode,
	type GraphQLError,
	type GraphQLSchema,
	type OperationDefinitionNode,
	type ValidationRule,
	type VariableDefinitionNode,
	type VariableNode,
} from 'graphql';

/**
 * Request errors worded as Shopify words them. Shopify runs graphql-ruby: its validation errors
 * carry graphql-ruby's message and `extensions.code` ("Field 'note' doesn't exist on type
 * 'DraftOrder'", undefinedField); the checks themselves are graphql-js's against the published
 * schema.
 */
export interface ShopifyGraphqlError {
	message: string;
	locations?: ReadonlyArray<{ line: number; column: number }>;
	path?: ReadonlyArray<string | number>;
	extensions: Record<string, unknown>;
}

type Reword = (error: GraphQLError, argumentOf: Map<VariableNode, string>) => ShopifyGraphqlError | undefined;

const quoted = (message: string) => [...message.matchAll(/"([^"]*)"/g)].map((match) => match[1]);

const withCode = (code: string): Reword => (error) => ({ message: error.message, locations: error.locations, extensions: { code } });

const REWORDED: Array<[ValidationRule, Reword]> = [
	[
		FieldsOnCorrectTypeRule,
		(error) => {
			const [fieldName, typeName] = quoted(error.message);
			return { message: `Field '${fieldName}' doesn't exist on type '${typeName}'`, locations: error.locations, extensions: { code: 'undefinedField', typeName, fieldName } };
		},
	],
	[
		KnownArgumentNamesRule,
		(error) => {
			const [argumentName, parent] = quoted(error.message);
			if (!parent?.includes('.')) return undefined; // a directive's argument
			const name = parent.slice(parent.indexOf('.') + 1);
			return {
				message: `Field '${name}' doesn't accept argument '${argumentName}'`,
				locations: error.locations,
				extensions: { code: 'argumentNotAccepted', name, typeName: 'Field', argumentName },
			};
		},
	],
	[
		ProvidedRequiredArgumentsRule,
		(error) => {
			const [name, argument] = quoted(error.message);
			if (!/^Field /.test(error.message)) return undefined;
			return {
				message: `Field '${name}' is missing required arguments: ${argument}`,
				locations: error.locations,
				extensions: { code: 'missingRequiredArguments', className: 'Field', name, arguments: argument },
			};
		},
	],
	[
		VariablesInAllowedPositionRule,
		(error, argumentOf) => {
			const [variable, variableType, expectedType] = quoted(error.message);
			const usage = error.nodes?.find((node): node is VariableNode => node.kind === Kind.VARIABLE);
			const argumentName = (usage && argumentOf.get(usage)) ?? '?';
			const kind = variableType.replace(/[[\]!]/g, '') === expectedType.replace(/[[\]!]/g, '') ? 'Nullability mismatch' : 'Type mismatch';
			const variableName = variable.replace(/^\$/, '');
			return {
				message: `${kind} on variable $${variableName} and argument ${argumentName} (${variableType} / ${expectedType})`,
				locations: error.locations,
				extensions: { code: 'variableMismatch', variableName, typeName: variableType, argumentName, errorMessage: kind },
			};
		},
	],
	[KnownTypeNamesRule, withCode('undefinedType')],
	[VariablesAreInputTypesRule, withCode('variableRequiresValidType')],
	[NoUndefinedVariablesRule, withCode('variableNotDefined')],
	[NoUnusedVariablesRule, withCode('variableNotUsed')],
	[ScalarLeafsRule, withCode('selectionMismatch')],
	[ValuesOfCorrectTypeRule, withCode('argumentLiteralsIncompatible')],
];

/** The name of the argument (or input field) each variable usage is passed to. */
function argumentsOfVariables(document: DocumentNode): Map<VariableNode, string> {
	const names = new Map<VariableNode, string>();
	visit(document, {
		Argument: (node) => {
			if (node.value.kind === Kind.VARIABLE) names.set(node.value, node.name.value);
		},
		ObjectField: (node) => {
			if (node.value.kind === Kind.VARIABLE) names.set(node.value, node.name.value);
		},
	});
	return names;
}

/** The document's validation errors against the schema, or [] when Shopify would run it. */
export function validationErrors(schema: GraphQLSchema, document: DocumentNode): ShopifyGraphqlError[] {
	if (validate(schema, document).length === 0) return [];
	const argumentOf = argumentsOfVariables(document);
	const errors: ShopifyGraphqlError[] = [];
	for (const rule of specifiedRules) {
		const reword = REWORDED.find(([known]) => known === rule)?.[1];
		for (const error of validate(schema, document, [rule])) {
			errors.push(reword?.(error, argumentOf) ?? { message: error.message, locations: error.locations, extensions: { code: rule.name.replace(/Rule$/, '').replace(/^./, (c) => c.toLowerCase()) } });
		}
	}
	return errors;
}

/** Where in the variable a graphql-js coercion error points: `input.addresses[0].zip` → [addresses, 0, zip]. */
function problemPath(at: string | undefined): Array<string | number> {
	if (!at) return [];
	return at
		.split(/\.|\[(\d+)\]/)
		.filter((part) => part !== undefined && part !== '')
		.slice(1)
		.map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** Variables checked against their declared types, as Shopify checks them before running anything. */
export function variableErrors(schema: GraphQLSchema, operation: OperationDefinitionNode, variables: Record<string, unknown>): ShopifyGraphqlError[] {
	const definitions = operation.variableDefinitions ?? [];
	const coerced = getVariableValues(schema, definitions, variables, { maxErrors: 50 });
	if (!coerced.errors) return [];
	return coerced.errors.map((error) => {
		const definition = error.nodes?.find((node): node is VariableDefinitionNode => node.kind === Kind.VARIABLE_DEFINITION);
		const name = definition?.variable.name.value ?? '?';
		const type = definition ? print(definition.type) : '?';
		const invalid = /^Variable "\$\w+" got invalid value .*?(?: at "([^"]+)")?; ([^;]*)$/s.exec(error.message);
		let explanation = invalid ? invalid[2].replace(/\.$/, '') : /was not provided/.test(error.message) ? 'Expected value to not be null' : error.message;
		const path = invalid ? problemPath(invalid[1]) : [];
		// graphql-js points at the object; graphql-ruby at the field, in its own words.
		const unknownField = /^Field "(\w+)" is not defined by type "(\w+)"/.exec(explanation);
		const missingField = /^Field "(\w+)" of required type "[^"]+" was not provided/.exec(explanation);
		if (unknownField) {
			path.push(unknownField[1]);
			explanation = `Field is not defined on ${unknownField[2]}`;
		} else if (missingField) {
			path.push(missingField[1]);
			explanation = 'Expected value to not be null';
		}
		return {
			message: `Variable $${name} of type ${type} was provided invalid value${path.length ? ` for ${path.join('.')}` : ''} (${explanation})`,
			locations: error.locations,
			extensions: {
				code: 'INVALID_VARIABLE',
				value: variables[name] ?? null,
				problems: [{ path, explanation }],
			},
		};
	});
}
