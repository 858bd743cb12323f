export { openVault, type OpenVaultOptions } from './vault';
export { describeVaultConfig, validateVaultConfig, VaultConfigError } from './config';
export { LATEST_MIGRATION, MIGRATION_NAMES, migrateToLatest } from './migrations';
export * from './schema';
export type * from './types';
