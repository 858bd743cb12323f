import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IHttpRequestOptions,
	INodeCredentialsDetails,
	INodeProperties,
} from 'n8n-workflow';
import { ICredentialsHelper } from 'n8n-workflow';

/** One credential as n8n's `export:credentials --decrypted` writes it. */
export interface CredentialRecord {
	id?: string;
	name?: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

/**
 * Serves plain credential data to nodes: matched by the id the workflow names, then by
 * name, then, when exactly one credential of the requested type exists, by type.
 * Missing fields get the credential type's defaults, as n8n does.
 */
export class PlainCredentialsHelper extends ICredentialsHelper {
	private readonly typesByName: Map<string, ICredentialType>;

	constructor(
		private readonly records: CredentialRecord[],
		credentialTypes: ICredentialType[],
	) {
		super();
		this.typesByName = new Map(credentialTypes.map((type) => [type.name, type]));
	}

	find(details: INodeCredentialsDetails, type: string): CredentialRecord {
		const ofType = this.records.filter((record) => record.type === type);
		const match =
			ofType.find((record) => details.id && record.id === details.id) ??
			ofType.find((record) => record.name === details.name) ??
			(ofType.length === 1 ? ofType[0] : undefined);
		if (!match) {
			throw new Error(
				`No credential of type "${type}" named "${details.name}"${details.id ? ` (id ${details.id})` : ''} was given. ` +
					'Pass a credentials file (n8n export format: [{ "id", "name", "type", "data" }]).',
			);
		}
		return match;
	}

	async getDecrypted(
		_additionalData: unknown,
		details: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const defaults: ICredentialDataDecryptedObject = {};
		for (const property of this.getCredentialsProperties(type)) {
			defaults[property.name] = property.default as ICredentialDataDecryptedObject[string];
		}
		return { ...defaults, ...this.find(details, type).data };
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.typesByName.get(type)?.properties ?? [];
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(_credentials: ICredentialDataDecryptedObject, _type: string, options: IHttpRequestOptions) {
		return options;
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('Encrypted credentials are not available outside an n8n server');
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}
}
