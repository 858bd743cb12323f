import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { afasClient, toNodeError } from '../transport';

export const listSearch = {
	/** The GetConnectors the token may use, from AFAS's /metainfo. */
	async searchGetConnectors(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const client = await afasClient(this);
		try {
			const needle = (filter ?? '').toLowerCase();
			const connectors = (await client.listGetConnectors()).filter(
				(c) => !needle || c.id.toLowerCase().includes(needle) || c.description.toLowerCase().includes(needle),
			);
			return {
				results: connectors
					.sort((a, b) => a.id.localeCompare(b.id))
					.map((c) => ({ name: c.description && c.description !== c.id ? `${c.id} (${c.description})` : c.id, value: c.id })),
			};
		} catch (error) {
			throw toNodeError(this.getNode(), error);
		}
	},
};
