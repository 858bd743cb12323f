import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { verifyHrEvent } from '../../../../lib/webhooks';
import { withVault } from '../../../shared/vault';
import { HR_EVENT_CREDENTIAL, hrEventSettings } from '../../methods/hrEventSettings';

export const description: INodeProperties[] = [
	{
		displayName: 'Turn on the Webhook node’s "Raw Body" option: the signature covers the body’s exact bytes',
		name: 'rawBodyNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['hrEvent'], operation: ['verify'] } },
	},
	{
		displayName: 'Raw Body Binary Property',
		name: 'rawBodyProperty',
		type: 'string',
		default: 'data',
		required: true,
		description: 'Binary property the Webhook node puts the raw body in (with "Raw Body" on, it is data)',
		displayOptions: { show: { resource: ['hrEvent'], operation: ['verify'] } },
	},
];

/**
 * One verdict per webhook request. Output 0 (Verified): the JSON body plus hrEvent {timestamp,
 * signature}; output 1 (Rejected): {reason, status}, for a Respond to Webhook node.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const settings = hrEventSettings(await this.getCredentials<ICredentialDataDecryptedObject>(HR_EVENT_CREDENTIAL));
	const verified: INodeExecutionData[] = [];
	const rejected: INodeExecutionData[] = [];
	await withVault(this, async (vault) => {
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const pairedItem = { item: itemIndex };
			try {
				const property = String(this.getNodeParameter('rawBodyProperty', itemIndex, 'data')).trim() || 'data';
				if (!items[itemIndex].binary?.[property]) {
					throw new NodeOperationError(this.getNode(), `No raw body in the binary property "${property}"`, {
						itemIndex,
						description: 'Turn on "Raw Body" in the Webhook node’s options, or set Raw Body Binary Property to where the raw body is.',
					});
				}
				const rawBody = await this.helpers.getBinaryDataBuffer(itemIndex, property);
				const headers = (items[itemIndex].json.headers ?? {}) as Record<string, unknown>;
				let verdict;
				try {
					verdict = await verifyHrEvent(vault, settings, { headers, rawBody });
				} catch (error) {
					throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex });
				}
				if (verdict.ok) {
					verified.push({ json: { ...(verdict.body as IDataObject), hrEvent: { timestamp: verdict.timestamp, signature: verdict.signature } }, pairedItem });
				} else {
					this.logger.warn(`HR event rejected: ${verdict.reason}`, { node: this.getNode().name });
					rejected.push({ json: { reason: verdict.reason, status: verdict.status }, pairedItem });
				}
			} catch (error) {
				const nodeError = error instanceof NodeOperationError ? error : new NodeOperationError(this.getNode(), error as Error, { itemIndex });
				if (!this.continueOnFail()) throw nodeError;
				// Never on Verified: an item that could not be checked must not reach the import.
				rejected.push({ json: { reason: nodeError.message, status: 500 }, pairedItem });
			}
		}
	});
	return [verified, rejected];
}
