import * as fs from 'node:fs';
import * as path from 'node:path';
import { runInThisContext } from 'node:vm';
import type {
	ICredentialType,
	IDataObject,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

/** The package root: one folder up from cli/ in the sources, two from dist/cli/. */
function findPackageJson(): string {
	for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
		if (fs.existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'package.json');
	}
	throw new Error(`package.json not found above ${__dirname}`);
}

const packageJson = require(findPackageJson()) as {
	name: string;
	n8n: { nodes: string[]; credentials: string[] };
};

export const PACKAGE_NAME = packageJson.name;

/**
 * package.json lists built files (dist/nodes/X/X.node.js). Resolve them next to this
 * file so the same code loads dist/ when built and the TypeScript sources under ts-jest.
 */
function loadClasses<T>(entries: string[]): T[] {
	const root = path.join(__dirname, '..');
	return entries.map((entry) => {
		const base = path.join(root, entry.replace(/^dist\//, '').replace(/\.js$/, ''));
		// Name the extension: a bare X.node would resolve to the X.node.json codex file.
		const modulePath = fs.existsSync(`${base}.js`) ? `${base}.js` : `${base}.ts`;
		const exports = require(modulePath) as Record<string, new () => T>;
		const className = path.basename(entry).split('.')[0];
		const Class = exports[className];
		if (!Class) throw new Error(`${entry} does not export class ${className}`);
		return new Class();
	});
}

export function packageCredentialTypes(): ICredentialType[] {
	return loadClasses<ICredentialType>(packageJson.n8n.credentials);
}

/**
 * Node types a workflow can use: this package's nodes under `<package>.<name>`, plus
 * n8n's built-in nodes when a copy of n8n-nodes-base is given (kept out of a plain
 * install: it is large and only templates with built-in nodes need it).
 */
export class PackageNodeTypes implements INodeTypes {
	private readonly types = new Map<string, INodeType | IVersionedNodeType>();

	constructor(private readonly builtInNodesDir?: string) {
		for (const node of loadClasses<INodeType | IVersionedNodeType>(packageJson.n8n.nodes)) {
			this.types.set(`${PACKAGE_NAME}.${node.description.name}`, node);
		}
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const known = this.types.get(nodeType) ?? this.loadBuiltIn(nodeType);
		if (!known) {
			throw new Error(
				`Unknown node type "${nodeType}". Known: ${[...this.types.keys()].join(', ')}` +
					(this.builtInNodesDir ? '' : ' (built-in n8n nodes need N8N_NODES_BASE_DIR)'),
			);
		}
		return known;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}

	/**
	 * Node's own require, resolved inside the n8n install. Under jest, `require` is the test
	 * sandbox's, which cannot require() the ES modules some built-in nodes use (the Send Email
	 * node's sanitize-html); the process's own loader can. Outside jest both are the same.
	 */
	private requireBuiltIn(id: string): unknown {
		const realProcess = runInThisContext('process') as NodeJS.Process;
		const { createRequire } = realProcess.getBuiltinModule('node:module') as typeof import('node:module');
		return createRequire(path.join(this.builtInNodesDir!, 'package.json'))(id);
	}

	private loadBuiltIn(nodeType: string): INodeType | IVersionedNodeType | undefined {
		const prefix = 'n8n-nodes-base.';
		if (!this.builtInNodesDir || !nodeType.startsWith(prefix)) return undefined;
		const known = this.requireBuiltIn('./dist/known/nodes.json') as Record<
			string,
			{ className: string; sourcePath: string }
		>;
		const entry = known[nodeType.slice(prefix.length)];
		if (!entry) return undefined;
		const exports = this.requireBuiltIn(`./${entry.sourcePath}`) as Record<string, new () => INodeType>;
		const node = new exports[entry.className]();
		this.types.set(nodeType, node);
		return node;
	}
}
