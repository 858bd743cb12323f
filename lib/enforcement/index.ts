export * from './connector';
export * from './types';
export { enforcePlan } from './enforcePlan';
export { EnforcementBusyError } from './runLock';
export { loadSubjects, type KnownAccount, type LoadedSubject } from './loadSubjects';
export { primaryContractOf } from './subject';
