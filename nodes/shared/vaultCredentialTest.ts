import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { openVault } from '../../lib/vault';
import { vaultConfigFromCredential } from './vault';

/** Every pipeline node offers this test for its Provisioning Vault credential. */
export const vaultCredentialTest = {
	async provisioningVaultConnectionTest(
		this: ICredentialTestFunctions,
		credential: ICredentialsDecrypted,
	): Promise<INodeCredentialTestResult> {
		try {
			const vault = await openVault(vaultConfigFromCredential(credential.data));
			try {
				const status = await vault.status();
				return { status: 'OK', message: `Connected to ${status.location} (schema ${status.schemaVersion})` };
			} finally {
				await vault.close();
			}
		} catch (error) {
			return { status: 'Error', message: (error as Error).message };
		}
	},
};
