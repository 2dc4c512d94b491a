import {
	getNamedType,
	isCompositeType,
	isInterfaceType,
	isListType,
	isNonNullType,
	isObjectType,
	Kind,
	type DocumentNode,
	type FieldNode,
	type FragmentDefinitionNode,
	type GraphQLCompositeType,
	type GraphQLField,
	type GraphQLInterfaceType,
	type GraphQLObjectType,
	type GraphQLSchema,
	type GraphQLType,
	type SelectionSetNode,
	valueFromASTUntyped,
} from 'graphql';

/**
 * Shopify's calculated query cost, as documented: scalars and enums cost 0, objects 1, a
 * connection 2 plus `first` times the cost of one node, and each mutation field 10. This is the
 * requested cost; the simulator also charges it as the actual cost.
 */
export function queryCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>): number {
	const fragments = new Map<string, FragmentDefinitionNode>();
	for (const definition of document.definitions) {
		if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
	}
	let total = 0;
	for (const definition of document.definitions) {
		if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
		const root = definition.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
		if (!root) continue;
		total += selectionCost(schema, root, definition.selectionSet, fragments, variables, definition.operation === 'mutation');
	}
	return total;
}

function argument(field: FieldNode, name: string, variables: Record<string, unknown>): unknown {
	const node = field.arguments?.find((arg) => arg.name.value === name);
	return node ? valueFromASTUntyped(node.value, variables) : undefined;
}

function isList(type: GraphQLType): boolean {
	return isNonNullType(type) ? isList(type.ofType) : isListType(type);
}

function selectionCost(
	schema: GraphQLSchema,
	parent: GraphQLCompositeType,
	selectionSet: SelectionSetNode | undefined,
	fragments: Map<string, FragmentDefinitionNode>,
	variables: Record<string, unknown>,
	isMutationRoot = false,
): number {
	if (!selectionSet) return 0;
	let cost = 0;
	for (const selection of selectionSet.selections) {
		if (selection.kind === Kind.FRAGMENT_SPREAD) {
			const fragment = fragments.get(selection.name.value);
			const condition = fragment && schema.getType(fragment.typeCondition.name.value);
			if (fragment && condition && isCompositeType(condition)) cost += selectionCost(schema, condition, fragment.selectionSet, fragments, variables);
			continue;
		}
		if (selection.kind === Kind.INLINE_FRAGMENT) {
			const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
			if (condition && isCompositeType(condition)) cost += selectionCost(schema, condition, selection.selectionSet, fragments, variables);
			continue;
		}
		// A union has no fields of its own, only fragments (and __typename).
		if (!isObjectType(parent) && !isInterfaceType(parent)) continue;
		const field: GraphQLField<unknown, unknown> | undefined = (parent as GraphQLObjectType | GraphQLInterfaceType).getFields()[selection.name.value];
		if (!field) continue;
		const named = getNamedType(field.type);
		if (!isCompositeType(named)) continue;
		const child = selectionCost(schema, named, selection.selectionSet, fragments, variables);
		if (isMutationRoot) {
			cost += 10 + child;
		} else if (named.name.endsWith('Connection')) {
			const size = Number(argument(selection, 'first', variables) ?? argument(selection, 'last', variables) ?? 0);
			// The connection's own cost (2) plus `first` nodes; pageInfo is part of the 2.
			const nodeSelection = selection.selectionSet?.selections.find((s) => s.kind === Kind.FIELD && (s.name.value === 'nodes' || s.name.value === 'edges'));
			const nodeType = getNamedType((named as GraphQLObjectType).getFields().nodes.type) as GraphQLObjectType;
			const perNode =
				nodeSelection && nodeSelection.kind === Kind.FIELD ? 1 + selectionCost(schema, nodeType, nodeSelection.selectionSet, fragments, variables) : 0;
			cost += 2 + size * perNode;
		} else {
			cost += isList(field.type) ? 1 + child : 1 + child;
		}
	}
	return cost;
}
