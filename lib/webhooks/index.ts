export {
	checkHrEvent,
	forgetExpiredHrEvents,
	HR_EVENT_DEFAULTS,
	HR_EVENT_LOCK_PREFIX,
	hrEventSettingsProblems,
	signHrEvent,
	verifyHrEvent,
	type HrEventAccepted,
	type HrEventRejected,
	type HrEventRequest,
	type HrEventSettings,
	type HrEventVerdict,
} from './verifySignature';
