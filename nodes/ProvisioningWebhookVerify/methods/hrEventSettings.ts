import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { HR_EVENT_DEFAULTS, type HrEventSettings } from '../../../lib/webhooks';

export const HR_EVENT_CREDENTIAL = 'provisioningHrEventApi';

/** The Provisioning HR Event API credential as the verifier's settings. */
export function hrEventSettings(data: ICredentialDataDecryptedObject | undefined): HrEventSettings {
	const tolerance = data?.toleranceSeconds;
	return {
		secret: typeof data?.secret === 'string' ? data.secret : '',
		signatureHeader: String(data?.signatureHeader ?? HR_EVENT_DEFAULTS.signatureHeader),
		timestampHeader: String(data?.timestampHeader ?? HR_EVENT_DEFAULTS.timestampHeader),
		toleranceSeconds: tolerance === undefined || tolerance === null || tolerance === '' ? undefined : Number(tolerance),
	};
}
