export {
	buildCorrelationReport,
	CORRELATION_CATEGORIES,
	type AccountEntry,
	type CorrelatedEntry,
	type CorrelationAccount,
	type CorrelationCategory,
	type CorrelationCounts,
	type CorrelationPerson,
	type CorrelationReport,
	type CorrelationReportOptions,
	type CorrelationScope,
	type CorrelationSource,
	type MissingLinkEntry,
	type PersonEntry,
	type SeveralAccountsEntry,
} from './correlationReport';
export {
	linkAccount,
	unlinkAccount,
	type LinkAccountRequest,
	type LinkAccountResult,
	type UnlinkAccountRequest,
	type UnlinkAccountResult,
} from './linkAccount';
export { CorrelationError } from './errors';
export { accountsFromItems, type AccountItemsOptions } from './accountsFromItems';
export { normalizeCorrelationValue } from './normalize';
export { renderCorrelationCsv, renderCorrelationReport, type CorrelationReportRenderOptions } from '../reports/correlationReport';
