import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import { hrEventSettingsProblems } from '../../../lib/webhooks';
import { hrEventSettings } from './hrEventSettings';

/** Nothing to connect to: the test checks that the settings can verify a request. */
export const hrEventCredentialTest = {
	async provisioningHrEventSettingsTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
		const problems = hrEventSettingsProblems(hrEventSettings(credential.data));
		return problems.length ? { status: 'Error', message: problems.join('; ') } : { status: 'OK', message: 'The settings can verify signed HR events' };
	},
};
