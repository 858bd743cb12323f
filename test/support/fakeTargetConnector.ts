import type { AccountSubject, TargetAccount, TargetConnector } from '../../lib/enforcement/connector';

export interface FakeTargetOptions {
	/** The target's name; default 'activeDirectory'. */
	target?: string;
	/** The account attribute holding the correlation value; default 'employeeID'. */
	attribute?: string;
	/** The person's correlation value; default the person's external id (employee number). */
	personValue?: (subject: AccountSubject) => string | undefined;
	/** Accounts per page of listAccounts; default 2, so paging is exercised. */
	pageSize?: number;
}

/** A target that only lists accounts and reads correlation values: what the correlation report needs. */
export class FakeTargetConnector implements TargetConnector {
	readonly target: string;
	/** Every subject the report asked a correlation value for. */
	readonly subjects: AccountSubject[] = [];
	private readonly attribute: string;
	private readonly personValue: (subject: AccountSubject) => string | undefined;
	private readonly pageSize: number;

	constructor(
		readonly accounts: TargetAccount[],
		options: FakeTargetOptions = {},
	) {
		this.target = options.target ?? 'activeDirectory';
		this.attribute = options.attribute ?? 'employeeID';
		this.personValue = options.personValue ?? ((subject) => subject.person.externalId);
		this.pageSize = options.pageSize ?? 2;
	}

	async *listAccounts(): AsyncIterable<TargetAccount> {
		for (let start = 0; start < this.accounts.length; start += this.pageSize) {
			await Promise.resolve(); // a page arrives later, as from a real directory
			yield* this.accounts.slice(start, start + this.pageSize);
		}
	}

	personCorrelationValue(subject: AccountSubject): string | undefined {
		this.subjects.push(subject);
		return this.personValue(subject);
	}

	accountCorrelationValue(account: TargetAccount): string | undefined {
		const value = account.attributes[this.attribute];
		return typeof value === 'string' ? value : undefined;
	}

	correlate(): never {
		throw new Error('not used');
	}
	create(): never {
		throw new Error('not used');
	}
	update(): never {
		throw new Error('not used');
	}
	enable(): never {
		throw new Error('not used');
	}
	disable(): never {
		throw new Error('not used');
	}
	move(): never {
		throw new Error('not used');
	}
	delete(): never {
		throw new Error('not used');
	}
	grant(): never {
		throw new Error('not used');
	}
	revoke(): never {
		throw new Error('not used');
	}
	listPermissions(): never {
		throw new Error('not used');
	}
	isTransient(): never {
		throw new Error('not used');
	}
	close(): never {
		throw new Error('not used');
	}
}

/** An account of the fake target with the given correlation value (attribute employeeID). */
export function adAccount(ref: string, name: string, employeeID?: string, fields: Partial<TargetAccount> = {}): TargetAccount {
	return {
		ref,
		name,
		enabled: true,
		container: 'OU=Staff,DC=example,DC=test',
		attributes: employeeID === undefined ? {} : { employeeID },
		...fields,
	};
}
