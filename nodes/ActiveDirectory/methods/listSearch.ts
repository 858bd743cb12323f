import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { searchDirectory, type DirectoryObjectKind } from '../../../lib/targets/activeDirectory';
import { adConnection } from '../transport/connection';

async function search(context: ILoadOptionsFunctions, kind: DirectoryObjectKind, filter: string | undefined, value: (dn: string, guid: string) => string): Promise<INodeListSearchResult> {
	try {
		const found = await searchDirectory(await adConnection(context), { kind, query: filter, limit: 100 });
		return { results: found.map((object) => ({ name: kind === 'ou' ? object.dn : `${object.name} (${object.dn})`, value: value(object.dn, object.guid) })) };
	} catch (error) {
		throw new NodeApiError(context.getNode(), { message: (error as Error).message });
	}
}

export const listSearch = {
	/** OUs by name; the value is the DN. */
	async searchOus(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		return await search(this, 'ou', filter, (dn) => dn);
	},
	/** Groups by name; the value is the objectGUID (stable across renames). */
	async searchGroups(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		return await search(this, 'group', filter, (_dn, guid) => guid);
	},
	/** User accounts by name, e-mail or employee ID; the value is the objectGUID. */
	async searchAccounts(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		return await search(this, 'user', filter, (_dn, guid) => guid);
	},
};
