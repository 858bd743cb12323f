import * as os from 'node:os';
import * as path from 'node:path';
import type { ICredentialDataDecryptedObject, IExecuteFunctions } from 'n8n-workflow';

import { openVault } from '../../lib/vault';
import type { Vault, VaultConfig } from '../../lib/vault/types';

export const VAULT_CREDENTIAL = 'provisioningVaultApi';

/** Same folder n8n keeps its own data in: $N8N_USER_FOLDER/.n8n, else ~/.n8n. */
export function defaultVaultPath(): string {
	return path.join(process.env.N8N_USER_FOLDER ?? os.homedir(), '.n8n', 'provisioning-vault.sqlite');
}

export function vaultConfigFromCredential(data: ICredentialDataDecryptedObject | undefined): VaultConfig {
	if (!data || data.backend !== 'postgres') {
		const filePath = typeof data?.filePath === 'string' ? data.filePath.trim() : '';
		return { backend: 'sqlite', path: filePath || defaultVaultPath() };
	}
	return {
		backend: 'postgres',
		host: String(data.host ?? ''),
		port: Number(data.port) || 5432,
		database: String(data.database ?? ''),
		user: String(data.user ?? ''),
		password: data.password ? String(data.password) : undefined,
		ssl: (data.ssl as 'disable' | 'require' | 'no-verify') ?? 'disable',
		caCertificate: data.caCertificate ? String(data.caCertificate) : undefined,
		maxConnections: Number(data.maxConnections) || undefined,
	};
}

/**
 * Opens the vault from the node's credential, runs fn, always closes. Only a node with no
 * credential set uses the embedded default: a set credential that fails to load is an
 * error, never a silent switch to another vault.
 */
export async function withVault<T>(context: IExecuteFunctions, fn: (vault: Vault) => Promise<T>): Promise<T> {
	const credential = context.getNode().credentials?.[VAULT_CREDENTIAL]
		? await context.getCredentials(VAULT_CREDENTIAL)
		: undefined;
	const vault = await openVault(vaultConfigFromCredential(credential));
	try {
		return await fn(vault);
	} finally {
		await vault.close();
	}
}
