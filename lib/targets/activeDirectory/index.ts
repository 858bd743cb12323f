export {
	ActiveDirectoryConfigError,
	checkConnection,
	UNIQUE_ATTRIBUTES,
	validateActiveDirectoryConfig,
	type ActiveDirectoryAccountsConfig,
	type ActiveDirectoryConfig,
	type ActiveDirectoryConnection,
	type AttributeMappingValue,
	type CompiledActiveDirectoryConfig,
	type ConnectionSecurity,
	type UniqueAttribute,
} from './config';
export { describeConnectError, openClient, testActiveDirectoryConnection, withClient, type ConnectionTestResult } from './connection';
export { createActiveDirectoryConnector } from './connector';
export {
	escapeDnValue,
	escapeFilterBytes,
	escapeFilterValue,
	formatDn,
	ldapFilter,
	normalizeDn,
	parentDn,
	parseDn,
	sameDn,
	type Rdn,
} from './escape';
export { guidToBytes, guidToString } from './guid';
export { generatePassword } from './password';
export { directoryAccount, getDirectoryObject, searchDirectory, type DirectoryObject, type DirectoryObjectKind, type DirectorySearch } from './directorySearch';
