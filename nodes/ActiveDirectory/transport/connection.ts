import type { ICredentialDataDecryptedObject, ICredentialsDecrypted, ICredentialTestFunctions, IExecuteFunctions, ILoadOptionsFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import { testActiveDirectoryConnection, type ActiveDirectoryConnection, type ConnectionSecurity } from '../../../lib/targets/activeDirectory';

export const AD_CREDENTIAL = 'activeDirectoryApi';

export function connectionFromCredential(data: ICredentialDataDecryptedObject): ActiveDirectoryConnection {
	const text = (name: string) => (typeof data[name] === 'string' ? (data[name] as string).trim() : '');
	return {
		urls: text('urls')
			.split(/[\s,]+/)
			.filter(Boolean),
		security: (text('security') || 'ldaps') as ConnectionSecurity,
		bindDn: text('bindDn'),
		password: typeof data.password === 'string' ? data.password : '',
		caCertificate: text('caCertificate') || undefined,
		allowUnauthorizedCerts: data.verifyServer === false,
		timeoutMs: Number(data.timeoutMs) || 10_000,
		baseDn: text('baseDn'),
	};
}

export async function adConnection(context: IExecuteFunctions | ILoadOptionsFunctions): Promise<ActiveDirectoryConnection> {
	return connectionFromCredential(await context.getCredentials(AD_CREDENTIAL));
}

/** The credential's Test button: connect, bind, read the base DN; the message says what to fix. */
export async function activeDirectoryConnectionTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	const result = await testActiveDirectoryConnection(connectionFromCredential(credential.data ?? {}));
	return { status: result.ok ? 'OK' : 'Error', message: result.message };
}
