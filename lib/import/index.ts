export { runImport, approveImport, rejectImport, type ImportResult } from './runImport';
export { ImportError } from './importError';
export { parseImportMapping, exportImportMapping } from './mappingDocument';
export * from './options';
export type { RowIssue } from './mapRow';
export type { PersonChange, ChangeCounts } from './changeLog';
export type { ThresholdCheck } from './thresholds';
export { DEFAULT_PRIMARY_ORDER, type ContractSortKey, type ContractSortField } from './primaryContract';
export type { RowSource } from './stageImport';
