import type { TargetAccount } from '../enforcement/connector';
import { compileValue, getPath, toText } from '../mapping';
import { CorrelationError } from './errors';
import type { CorrelationSource } from './correlationReport';

export interface AccountItemsOptions {
	/** The target's name in the report, e.g. 'activeDirectory'. */
	target: string;
	/** The person's value, as a mapping path: `person.externalId`. */
	personField: string;
	/** The item field holding the person's value, e.g. `employeeID`. */
	correlationField: string;
	/** The item field that identifies the account (objectGUID, id); default the name field. */
	refField?: string;
	/** The item field with the account's name (sAMAccountName, primary e-mail). */
	nameField: string;
	/** The item field saying whether the account is enabled (true/false, 'TRUE', 1); default: enabled. */
	enabledField?: string;
}

/**
 * Accounts given as items (a CSV or JSON export of a directory, any n8n source node) as a
 * correlation source: the report then shows, before any target is connected, which persons
 * already have an account and which accounts belong to no one.
 */
export function accountsFromItems(items: ReadonlyArray<Record<string, unknown>>, options: AccountItemsOptions): CorrelationSource {
	const personValue = compileValue({ type: 'field', path: options.personField }, { knownRoots: ['person', 'contract'], field: 'personField' });
	const text = (item: Record<string, unknown>, field: string) => {
		const value = getPath(item, field);
		return value === undefined || value === null ? '' : toText(value).trim();
	};
	const accounts: TargetAccount[] = items.map((item, index) => {
		const name = text(item, options.nameField);
		const ref = options.refField ? text(item, options.refField) : name;
		if (!ref) throw new CorrelationError(`Account item ${index + 1} has no ${options.refField ?? options.nameField}`, 'Every account needs the field that identifies it.');
		const enabled = options.enabledField ? !/^(false|0|no|disabled)$/i.test(text(item, options.enabledField)) : true;
		return { ref, name: name || ref, enabled, attributes: { ...item } };
	});
	return {
		target: options.target,
		async *listAccounts() {
			yield* accounts;
		},
		personCorrelationValue: (subject) => {
			const value = personValue({ person: subject.person, contract: subject.contract });
			return value === undefined || value === null || value === '' ? undefined : toText(value);
		},
		accountCorrelationValue: (account) => text(account.attributes, options.correlationField) || undefined,
	};
}
