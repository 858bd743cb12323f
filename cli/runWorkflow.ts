import { randomUUID } from 'node:crypto';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	IConnections,
	IDataObject,
	IExecuteResponsePromiseData,
	INode,
	INodeExecutionData,
	IRun,
	ITaskData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { type CredentialRecord, PlainCredentialsHelper } from './credentials';
import { PackageNodeTypes, packageCredentialTypes } from './nodeTypes';

export interface WorkflowJson {
	id?: string;
	name?: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IWorkflowSettings;
	staticData?: IDataObject;
}

export interface RunOptions {
	credentials?: CredentialRecord[];
	/** Node to start from; default: the enabled node that no other node feeds. */
	startNode?: string;
	/** Folder of an n8n-nodes-base install, for templates that use n8n's built-in nodes. */
	builtInNodesDir?: string;
	/** Items the start node receives, as a trigger would hand them over (default: one empty item). */
	input?: IDataObject[];
	/** Whole items (json and binary, e.g. a Webhook node's raw body) for the start node; wins over input. */
	inputItems?: INodeExecutionData[];
}

export interface NodeRun {
	/** Items per output, of the node's last run. */
	outputs: INodeExecutionData[][];
	error?: string;
}

export interface WorkflowRunResult {
	status: IRun['status'];
	/** The error that stopped the run, if any, as n8n shows it. */
	error?: { node?: string; message: string; description?: string };
	nodes: Record<string, NodeRun>;
	/** What Respond to Webhook nodes sent, in order: {body, headers, statusCode}. */
	responses: IExecuteResponsePromiseData[];
	run: IRun;
}

/** The workflow and the engine's context (credentials, hooks, URLs) for one run without a server. */
export function prepareRun(workflowJson: WorkflowJson, options: Pick<RunOptions, 'credentials' | 'builtInNodesDir'> = {}) {
	const nodeTypes = new PackageNodeTypes(options.builtInNodesDir ?? process.env.N8N_NODES_BASE_DIR);
	const workflowData: IWorkflowBase = {
		id: workflowJson.id ?? 'cli',
		name: workflowJson.name ?? 'workflow',
		active: false,
		isArchived: false,
		nodes: workflowJson.nodes,
		connections: workflowJson.connections,
		settings: workflowJson.settings ?? {},
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	};
	const workflow = new Workflow({
		id: workflowData.id,
		name: workflowData.name,
		nodes: workflowJson.nodes,
		connections: workflowJson.connections,
		active: false,
		nodeTypes,
		staticData: workflowJson.staticData ?? {},
		settings: workflowData.settings,
	});

	const executionId = randomUUID();
	const hooks = new ExecutionLifecycleHooks('cli', executionId, workflowData);
	const responses: IExecuteResponsePromiseData[] = [];
	hooks.addHandler('sendResponse', (response) => void responses.push(response));
	const credentialsHelper = new PlainCredentialsHelper(options.credentials ?? [], packageCredentialTypes());
	const additionalData = {
		hooks,
		executionId,
		credentialsHelper,
		currentNodeExecutionIndex: 0,
		variables: {},
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		formBaseUrl: 'http://127.0.0.1:5678/form',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		formTestBaseUrl: 'http://127.0.0.1:5678/form-test',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		mcpBaseUrl: 'http://127.0.0.1:5678/mcp',
		mcpTestBaseUrl: 'http://127.0.0.1:5678/mcp-test',
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not supported outside an n8n server');
		},
		getRunExecutionData: async () => undefined,
		setExecutionStatus: () => {},
		logAiEvent: () => {},
	} as unknown as IWorkflowExecuteAdditionalData;
	return { workflow, additionalData, responses };
}

/** Runs a workflow in n8n's own engine without a server: the harness, the CLI and the demo share it. */
export async function runWorkflow(workflowJson: WorkflowJson, options: RunOptions = {}): Promise<WorkflowRunResult> {
	const { workflow, additionalData, responses } = prepareRun(workflowJson, options);
	const startNode = options.startNode ?? findStartNode(workflowJson);
	const inputItems = options.inputItems ?? options.input?.map((json) => ({ json }));
	const triggerToStartFrom = inputItems
		? {
				name: startNode,
				data: { startTime: Date.now(), executionTime: 0, executionIndex: 0, source: [], data: { main: [inputItems] } } as ITaskData,
			}
		: undefined;
	const run = await new WorkflowExecute(additionalData, 'cli').run({
		workflow,
		startNode: workflow.getNode(startNode) ?? undefined,
		triggerToStartFrom,
	});
	return { ...summarise(run), responses };
}

function findStartNode(workflowJson: WorkflowJson): string {
	const fed = new Set<string>();
	for (const outputs of Object.values(workflowJson.connections)) {
		for (const connections of Object.values(outputs)) {
			for (const group of connections ?? []) for (const connection of group ?? []) fed.add(connection.node);
		}
	}
	const start = workflowJson.nodes.find(
		(node) => !node.disabled && !fed.has(node.name) && !node.type.endsWith('.stickyNote'),
	);
	if (!start) throw new Error('The workflow has no node to start from');
	return start.name;
}

function summarise(run: IRun): Omit<WorkflowRunResult, 'responses'> {
	const nodes: Record<string, NodeRun> = {};
	for (const [name, runs] of Object.entries(run.data.resultData.runData)) {
		const last = runs[runs.length - 1];
		nodes[name] = {
			outputs: (last?.data?.main ?? []).map((items) => items ?? []),
			error: last?.error?.message,
		};
	}
	const error = run.data.resultData.error;
	return {
		status: run.status,
		error: error
			? {
					node: (error as { node?: INode }).node?.name,
					message: error.message,
					description: (error as { description?: string }).description ?? undefined,
				}
			: undefined,
		nodes,
		run,
	};
}
