export { credentialTest } from './credentialTest';
export { listSearch } from './listSearch';
