import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import { AfasClient, AfasError, afasConnection, fetchHttpGet, type AfasCredentialData } from '../transport/afas';

export const credentialTest = {
	/**
	 * Reads one row of the configured GetConnector, or lists the GetConnectors when none is set.
	 * Credential tests get no httpRequest helper from n8n, so this one uses Node's fetch.
	 */
	async afasProfitApiTest(
		this: ICredentialTestFunctions,
		credential: ICredentialsDecrypted,
	): Promise<INodeCredentialTestResult> {
		const data = (credential.data ?? {}) as AfasCredentialData & { testConnector?: string };
		try {
			const client = new AfasClient(afasConnection(data), fetchHttpGet, { retries: 0 });
			const connector = String(data.testConnector ?? '').trim();
			if (connector) {
				const rows = await client.getRows(connector, { limit: 1 });
				return { status: 'OK', message: `Connected: GetConnector '${connector}' answered with ${rows.length} row(s)` };
			}
			const connectors = await client.listGetConnectors();
			return { status: 'OK', message: `Connected: the token may use ${connectors.length} GetConnector(s)` };
		} catch (error) {
			if (error instanceof AfasError) return { status: 'Error', message: `${error.message}. ${error.description}` };
			return { status: 'Error', message: (error as Error).message };
		}
	},
};
