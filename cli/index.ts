#!/usr/bin/env node
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

import type { IDataObject } from 'n8n-workflow';

import type { CredentialRecord } from './credentials';
import { runWorkflow, type WorkflowJson, type WorkflowRunResult } from './runWorkflow';

const USAGE = `Usage: n8n-provisioning run <workflow.json> [--credentials <file>] [--input <file>] [--binary-dir <dir>] [--start <node name>] [--json]

Runs an n8n workflow file in n8n's engine without a server and prints what each node output.
  --credentials  n8n credentials export ([{ "id", "name", "type", "data" }], decrypted)
  --input        a JSON array of objects: the items the start node receives
  --binary-dir   write every file a node outputs (reports, exports) into this folder
  --start        node to start from (default: the first node nothing feeds)
  --json         print every node's items as JSON instead of a summary
Built-in n8n nodes (Schedule Trigger, IF, ...) load from N8N_NODES_BASE_DIR when set.`;

function readJson<T>(file: string, what: string): T {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
	} catch (error) {
		throw new Error(`Cannot read the ${what} file ${file}: ${(error as Error).message}`);
	}
}

/** One line per node output: item count and the first item, cut to fit a terminal. */
export function formatSummary(result: WorkflowRunResult): string {
	const lines: string[] = [];
	for (const [name, node] of Object.entries(result.nodes)) {
		node.outputs.forEach((items, output) => {
			const label = node.outputs.length > 1 ? `${name} [output ${output}]` : name;
			const first = items[0] ? JSON.stringify(items[0].json) : '';
			lines.push(`${label}: ${items.length} item(s)${first ? `  ${first.length > 300 ? `${first.slice(0, 297)}...` : first}` : ''}`);
		});
		if (node.error) lines.push(`${name}: ERROR ${node.error}`);
	}
	lines.push(`Status: ${result.status}`);
	if (result.error) {
		lines.push(`Error${result.error.node ? ` in "${result.error.node}"` : ''}: ${result.error.message}`);
		if (result.error.description) lines.push(`  ${result.error.description}`);
	}
	return lines.join('\n');
}

/** Writes each binary property of every output item to a file named as the node named it. */
function writeBinaries(result: WorkflowRunResult, dir: string): string[] {
	fs.mkdirSync(dir, { recursive: true });
	const written: string[] = [];
	for (const node of Object.values(result.nodes)) {
		for (const items of node.outputs) {
			for (const item of items) {
				for (const [property, binary] of Object.entries(item.binary ?? {})) {
					const file = path.join(dir, path.basename(binary.fileName ?? property));
					fs.writeFileSync(file, Buffer.from(binary.data, 'base64'));
					written.push(file);
				}
			}
		}
	}
	return written;
}

export async function main(argv: string[]): Promise<number> {
	const { values, positionals } = parseArgs({
		args: argv,
		allowPositionals: true,
		options: {
			credentials: { type: 'string' },
			start: { type: 'string' },
			input: { type: 'string' },
			'binary-dir': { type: 'string' },
			json: { type: 'boolean', default: false },
			help: { type: 'boolean', short: 'h', default: false },
		},
	});
	const [command, file] = positionals;
	if (values.help || command !== 'run' || !file) {
		process.stdout.write(`${USAGE}\n`);
		return values.help ? 0 : 2;
	}
	const workflow = readJson<WorkflowJson>(path.resolve(file), 'workflow');
	const credentials = values.credentials
		? readJson<CredentialRecord[]>(path.resolve(values.credentials), 'credentials')
		: [];
	const input = values.input ? readJson<IDataObject[]>(path.resolve(values.input), 'input') : undefined;
	if (input && !Array.isArray(input)) throw new Error(`The input file ${values.input} must hold a JSON array of objects`);
	const result = await runWorkflow(workflow, { credentials, startNode: values.start, input });
	if (values['binary-dir']) {
		for (const file of writeBinaries(result, values['binary-dir'])) process.stdout.write(`Wrote ${file}\n`);
	}
	if (values.json) {
		const items = Object.fromEntries(
			Object.entries(result.nodes).map(([name, node]) => [name, node.outputs.map((out) => out.map((item) => item.json))]),
		);
		process.stdout.write(`${JSON.stringify({ status: result.status, error: result.error, nodes: items }, null, 2)}\n`);
	} else {
		process.stdout.write(`${formatSummary(result)}\n`);
	}
	return result.status === 'success' ? 0 : 1;
}

if (require.main === module) {
	main(process.argv.slice(2)).then(
		(code) => process.exit(code),
		(error: Error) => {
			process.stderr.write(`${error.message}\n`);
			process.exit(1);
		},
	);
}
