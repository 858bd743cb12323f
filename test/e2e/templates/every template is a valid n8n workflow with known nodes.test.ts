import * as fs from 'node:fs';
import * as path from 'node:path';
import type { INode, INodeType, INodeTypeDescription, IVersionedNodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { PACKAGE_NAME, PackageNodeTypes } from '../../../cli/nodeTypes';
import type { WorkflowJson } from '../../../cli/runWorkflow';
import { loadWorkflow, WORKFLOWS_DIR } from '../../harness';
import { describeWithBuiltInNodes } from '../../support/builtInNodes';

const files = fs.readdirSync(WORKFLOWS_DIR).filter((file) => file.endsWith('.json')).sort();
const templates = files.map((file) => [file, loadWorkflow(file)] as [string, WorkflowJson]);
const BUILT_IN = 'n8n-nodes-base.';
const OURS = `${PACKAGE_NAME}.`;
const isSticky = (node: INode) => node.type === `${BUILT_IN}stickyNote`;

/** The version n8n gives a node added in the editor today. */
function currentVersion(type: INodeType | IVersionedNodeType): number {
	if ('nodeVersions' in type) return type.currentVersion;
	const { version } = type.description;
	return Array.isArray(version) ? Math.max(...version) : version;
}

const connectionCount = (ports: INodeTypeDescription['inputs'] | INodeTypeDescription['outputs']): number | undefined =>
	Array.isArray(ports) ? ports.length : undefined; // an expression (e.g. Switch) decides at run time

test('the templates are there', () => {
	expect(files).toEqual(expect.arrayContaining(['jml-pipeline.json', 'evaluation-preview.json', 'correlation-report.json', 'leaver-clean-up.json']));
});

describe.each(templates)('workflows/%s', (_file, workflow) => {
	const ours = new PackageNodeTypes();

	test('is an n8n 2.x workflow: a name, nodes with ids, positions and versions, v1 execution order', () => {
		expect(typeof workflow.name).toBe('string');
		expect(workflow.name).toMatch(/^Provisioning: /);
		expect(workflow.settings).toMatchObject({ executionOrder: 'v1' });
		for (const node of workflow.nodes) {
			expect(node).toEqual(
				expect.objectContaining({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: expect.any(String), typeVersion: expect.any(Number), parameters: expect.any(Object) }),
			);
			expect(node.position).toEqual([expect.any(Number), expect.any(Number)]);
		}
	});

	test('node names and ids are unique', () => {
		const names = workflow.nodes.map((node) => node.name);
		const ids = workflow.nodes.map((node) => node.id);
		expect(new Set(names).size).toBe(names.length);
		expect(new Set(ids).size).toBe(ids.length);
	});

	test('uses only n8n’s built-in nodes and this package’s nodes, at versions they have', () => {
		for (const node of workflow.nodes) {
			expect([BUILT_IN, OURS].some((prefix) => node.type.startsWith(prefix))).toBe(true);
			if (!node.type.startsWith(OURS)) continue;
			const type = ours.getByName(node.type);
			expect(currentVersion(type)).toBe(node.typeVersion);
		}
	});

	test('every connection joins two nodes of the workflow on ports they have', () => {
		const byName = new Map(workflow.nodes.map((node) => [node.name, node]));
		for (const [from, outputs] of Object.entries(workflow.connections)) {
			expect(byName.has(from)).toBe(true);
			expect(Object.keys(outputs)).toEqual(['main']);
			const source = byName.get(from)!;
			expect(isSticky(source)).toBe(false);
			const outputCount = source.type.startsWith(OURS) ? connectionCount(ours.getByNameAndVersion(source.type, source.typeVersion).description.outputs) : undefined;
			if (outputCount !== undefined) expect(outputs.main.length).toBeLessThanOrEqual(outputCount);
			for (const group of outputs.main) {
				for (const connection of group ?? []) {
					const target = byName.get(connection.node);
					expect(target).toBeDefined();
					expect(connection.type).toBe('main');
					expect(isSticky(target!)).toBe(false);
					if (target!.type.startsWith(OURS)) {
						const inputs = connectionCount(ours.getByNameAndVersion(target!.type, target!.typeVersion).description.inputs)!;
						expect(connection.index).toBeLessThan(inputs);
					}
				}
			}
		}
	});

	test('every node but a trigger is fed by another node, and sticky notes explain the canvas', () => {
		const fed = new Set(Object.values(workflow.connections).flatMap((outputs) => outputs.main.flat().map((connection) => connection!.node)));
		const unfed = workflow.nodes.filter((node) => !isSticky(node) && !fed.has(node.name)).map((node) => node.type);
		if (workflow.nodes.length > 1) {
			expect(unfed.length).toBeGreaterThan(0);
			for (const type of unfed) expect(type).toMatch(/Trigger$|\.webhook$/);
			expect(workflow.nodes.filter(isSticky).length).toBeGreaterThan(0);
		}
	});

	test('credentials are referenced by id and name, never with data', () => {
		for (const node of workflow.nodes) {
			for (const reference of Object.values(node.credentials ?? {})) {
				expect(Object.keys(reference).sort()).toEqual(['id', 'name']);
			}
		}
	});
});

describeWithBuiltInNodes('the templates against n8n’s built-in nodes', (builtInNodesDir) => {
	const nodeTypes = new PackageNodeTypes(builtInNodesDir);

	describe.each(templates)('workflows/%s', (_file, workflow) => {
		test('every built-in node exists and is at the version n8n 2.41 adds today', () => {
			for (const node of workflow.nodes.filter((n) => n.type.startsWith(BUILT_IN))) {
				const type = nodeTypes.getByName(node.type);
				expect({ node: node.name, typeVersion: node.typeVersion }).toEqual({ node: node.name, typeVersion: currentVersion(type) });
			}
		});

		test('the editor would show no parameter or credential warnings on any node', () => {
			for (const node of workflow.nodes) {
				const { description } = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
				// As the editor does: defaults filled in first, then required values and choices checked.
				const parameters = NodeHelpers.getNodeParameters(description.properties, node.parameters, true, false, node, description) ?? {};
				const issues = NodeHelpers.getNodeParametersIssues(description.properties, { ...node, parameters }, description);
				expect({ node: node.name, issues: issues ? NodeHelpers.nodeIssuesToString(issues, node) : [] }).toEqual({ node: node.name, issues: [] });
				// The editor also flags a choice that is not in the list (the issues above do not).
				for (const property of description.properties) {
					const value = node.parameters[property.name];
					if (!['options', 'multiOptions'].includes(property.type) || value === undefined || !NodeHelpers.displayParameter(parameters, property, node, description)) continue;
					if (typeof value === 'string' && value.startsWith('=')) continue;
					const allowed = (property.options ?? []).map((option) => (option as { value: unknown }).value);
					for (const chosen of Array.isArray(value) ? value : [value]) expect({ node: node.name, [property.name]: chosen, allowed: allowed.includes(chosen) }).toEqual({ node: node.name, [property.name]: chosen, allowed: true });
				}
				for (const credential of description.credentials ?? []) {
					if (!credential.required || !NodeHelpers.displayParameter(parameters, credential, node, description)) continue;
					expect({ node: node.name, credential: credential.name, referenced: Boolean(node.credentials?.[credential.name]) }).toEqual({
						node: node.name,
						credential: credential.name,
						referenced: true,
					});
				}
			}
		});

		test('connections leave built-in nodes only on outputs they have', () => {
			for (const [from, outputs] of Object.entries(workflow.connections)) {
				const source = workflow.nodes.find((node) => node.name === from)!;
				if (!source.type.startsWith(BUILT_IN)) continue;
				const count = connectionCount(nodeTypes.getByNameAndVersion(source.type, source.typeVersion).description.outputs);
				if (count !== undefined) expect(outputs.main.length).toBeLessThanOrEqual(count);
			}
		});
	});

	test('a node type that does not exist is reported, so the checks above can fail', () => {
		expect(() => nodeTypes.getByName(`${BUILT_IN}noSuchNode`)).toThrow('Unknown node type');
		expect(path.basename(builtInNodesDir)).toBe('n8n-nodes-base');
	});
});
