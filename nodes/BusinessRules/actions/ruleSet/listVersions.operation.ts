import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { listVersions } from '../../../../lib/rules';
import { withVault } from '../../../shared/vault';
import { toNodeError, versionJson } from '../shared';

export const description: INodeProperties[] = [];

/** One item per stored version, newest first. Runs once, whatever the input. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	try {
		const versions = await withVault(this, async (vault) => await listVersions(vault));
		return versions.map((version) => ({ json: versionJson(version), pairedItem: { item: 0 } }));
	} catch (error) {
		const nodeError = toNodeError(this, error, 0);
		if (!this.continueOnFail()) throw nodeError;
		return [{ json: { error: nodeError.message }, pairedItem: { item: 0 } }];
	}
}
