import { randomInt } from 'node:crypto';

import type { AggregatedContract, AggregatedPerson } from '../../lib/aggregation/aggregatedPersons';
import type { AccountSubject, ConnectorContext, PermissionRef, TargetAccount, TargetConnector } from '../../lib/enforcement/connector';

/**
 * The behaviour every target connector owes the enforcement engine (lib/enforcement/connector.ts),
 * as one jest suite. A target runs it with a setup that gives each test a fresh, empty scope
 * in the real system (or its emulator) and ways to look at that system without the connector.
 */
export interface ContractSetup {
	/** A fresh scope for one test; disposed after it. */
	scope(): Promise<ContractScope>;
	/**
	 * The first two account names the connector's mapping makes for a subject (its first
	 * candidate, and the one used when the first is taken), e.g. ['j.tester', 'jan.tester'].
	 */
	accountNames(subject: AccountSubject): [string, string];
	/** The account attribute the subject's contract title is mapped to (e.g. AD's `title`). */
	titleAttribute: string;
}

export interface ContractScope {
	/** The connector under test, configured for this scope. */
	connector: TargetConnector;
	/** A container other than the one new accounts land in (AD: an OU's DN, Google: an org unit path). */
	otherContainer: string;
	/** Writes an account straight into the target (not through the connector) carrying the subject's correlation value. */
	seedAccount(subject: AccountSubject, name: string): Promise<void>;
	/** Makes a group in the target and returns the permission a rule would name it by. */
	seedGroup(name: string): Promise<PermissionRef>;
	/** The account as the target has it now (read without the connector), or null when it is gone. */
	readAccount(ref: string): Promise<TargetAccount | null>;
	/** The refs of the group's direct members. */
	groupMembers(permission: PermissionRef): Promise<string[]>;
	/** Makes the connector's next call to the target fail with a transient error (a dropped connection, a 503 ...). */
	failNextCallTransiently(): Promise<void>;
	dispose(): Promise<void>;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** Letters only: targets append digits to taken names, so a random part must not look like one. */
export function randomLetters(length: number): string {
	let out = '';
	for (let i = 0; i < length; i++) out += LETTERS[randomInt(LETTERS.length)];
	return out;
}

export interface SubjectFields {
	externalId?: string;
	given?: string;
	family?: string;
	title?: string;
	department?: string;
}

/**
 * A person with one contract, as the engine hands it to a connector. The family name gets a
 * random part so that tests sharing one directory never meet each other's accounts.
 */
export function makeSubject(fields: SubjectFields = {}): AccountSubject {
	const externalId = fields.externalId ?? `E${randomInt(1e9)}`;
	const given = fields.given ?? 'Jan';
	const family = fields.family ?? `Tester${randomLetters(5)}`;
	const contract: AggregatedContract = {
		externalId: `${externalId}-1`,
		startDate: '2024-01-01',
		title: fields.title ?? 'Accountant',
		department: { code: fields.department ?? 'FIN', name: 'Finance' },
		source: 'hr',
		personId: `p-${externalId}`,
	};
	const person: AggregatedPerson = {
		id: `p-${externalId}`,
		externalId,
		source: 'hr',
		name: { given, family, display: `${given} ${family}` },
		custom: {},
		contracts: [contract],
		primaryContractId: contract.externalId,
		sources: [{ source: 'hr', externalId, personId: `p-${externalId}` }],
	};
	return { person, contract, manager: null };
}

/** The same person with another title on the contract (a mover). */
export function withTitle(subject: AccountSubject, title: string): AccountSubject {
	const contract = { ...subject.contract!, title };
	return { ...subject, contract, person: { ...subject.person, contracts: [contract] } };
}

/**
 * A run's context, reserving per attribute as the engine does; `taken` values count as held by
 * the vault for every attribute.
 */
export function runContext(options: { dryRun?: boolean; taken?: string[] } = {}): ConnectorContext & { reserved: string[] } {
	const taken = new Set((options.taken ?? []).map((value) => value.toLowerCase()));
	const held = new Set<string>();
	const reserved: string[] = [];
	return {
		dryRun: options.dryRun ?? false,
		reserved,
		reserveUnique(attribute, value) {
			const key = `${attribute.toLowerCase()}:${value.toLowerCase()}`;
			if (taken.has(value.toLowerCase()) || held.has(key)) return false;
			held.add(key);
			reserved.push(value);
			return true;
		},
	};
}

const sameContainer = (a: string | undefined, b: string): boolean => (a ?? '').replace(/\s*,\s*/g, ',').toLowerCase() === b.replace(/\s*,\s*/g, ',').toLowerCase();

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
	const out: T[] = [];
	for await (const item of items) out.push(item);
	return out;
}

export function describeConnectorContract(name: string, setup: ContractSetup): void {
	describe(`${name} meets the connector contract`, () => {
		let scope: ContractScope;
		let connector: TargetConnector;

		beforeEach(async () => {
			scope = await setup.scope();
			connector = scope.connector;
		});
		afterEach(async () => {
			await connector.close();
			await scope.dispose();
		});

		const create = async (subject: AccountSubject, enabled = true): Promise<TargetAccount> => {
			const outcome = await connector.create(subject, { enabled }, runContext());
			expect(outcome.result).toBe('done');
			return outcome.account;
		};
		const read = async (ref: string): Promise<TargetAccount> => {
			const account = await scope.readAccount(ref);
			if (!account) throw new Error(`account ${ref} is not in the target`);
			return account;
		};

		describe('correlation', () => {
			test('finds the one account that carries the person’s correlation value', async () => {
				const subject = makeSubject();
				await scope.seedAccount(subject, setup.accountNames(subject)[0]);
				const found = await connector.correlate(subject);
				expect(found).toHaveLength(1);
				expect(found[0].name).toBe(setup.accountNames(subject)[0]);
				expect(connector.accountCorrelationValue(found[0])).toBe(connector.personCorrelationValue(subject));
			});

			test('finds nothing for a person without an account', async () => {
				await scope.seedAccount(makeSubject(), `other${randomLetters(6)}`);
				expect(await connector.correlate(makeSubject())).toEqual([]);
			});

			test('returns every account when several carry the same value', async () => {
				const subject = makeSubject();
				await scope.seedAccount(subject, `first${randomLetters(6)}`);
				await scope.seedAccount(subject, `second${randomLetters(6)}`);
				const found = await connector.correlate(subject);
				expect(found).toHaveLength(2);
				expect(new Set(found.map((account) => account.ref)).size).toBe(2);
			});
		});

		describe('create', () => {
			test('makes an account with the first candidate name that the person then correlates to', async () => {
				const subject = makeSubject({ title: 'Controller' });
				const outcome = await connector.create(subject, { enabled: true }, runContext());
				expect(outcome.result).toBe('done');
				expect(outcome.account.name).toBe(setup.accountNames(subject)[0]);
				const stored = await read(outcome.account.ref);
				expect(stored).toMatchObject({ name: setup.accountNames(subject)[0], enabled: true });
				expect(stored.attributes[setup.titleAttribute]).toBe('Controller');
				expect((await connector.correlate(subject)).map((account) => account.ref)).toEqual([outcome.account.ref]);
			});

			test('takes the second candidate when the first name is taken in the target', async () => {
				const subject = makeSubject();
				const [first, second] = setup.accountNames(subject);
				await scope.seedAccount(makeSubject(), first);
				const outcome = await connector.create(subject, { enabled: true }, runContext());
				expect(outcome.account.name).toBe(second);
				expect((await read(outcome.account.ref)).name).toBe(second);
			});

			test('takes the second candidate when the vault (or another create of the run) holds the first', async () => {
				const subject = makeSubject();
				const [first, second] = setup.accountNames(subject);
				const outcome = await connector.create(subject, { enabled: true }, runContext({ taken: [first] }));
				expect(outcome.account.name).toBe(second);
			});
		});

		describe('update', () => {
			test('writes only the attribute that changed, and nothing the second time', async () => {
				const subject = makeSubject({ title: 'Accountant' });
				const account = await create(subject);
				const mover = withTitle(subject, 'Head of Finance');

				const outcome = await connector.update(account, mover, runContext());
				expect(outcome.result).toBe('done');
				expect(outcome.changes.map((change) => change.attribute)).toEqual([setup.titleAttribute]);
				expect(outcome.changes[0]).toMatchObject({ before: 'Accountant', after: 'Head of Finance' });
				expect((await read(account.ref)).attributes[setup.titleAttribute]).toBe('Head of Finance');

				const again = await connector.update(account, mover, runContext());
				expect(again).toMatchObject({ result: 'noChange', changes: [] });
			});
		});

		describe('enable and disable', () => {
			test('enables a disabled account once; enabling again changes nothing', async () => {
				const subject = makeSubject();
				const account = await create(subject, false);
				expect((await read(account.ref)).enabled).toBe(false);
				expect((await connector.enable(account, subject, runContext())).result).toBe('done');
				expect((await read(account.ref)).enabled).toBe(true);
				expect((await connector.enable(account, subject, runContext())).result).toBe('noChange');
			});

			test('disables an enabled account once; disabling again changes nothing', async () => {
				const subject = makeSubject();
				const account = await create(subject, true);
				expect((await connector.disable(account, subject, runContext())).result).toBe('done');
				expect((await read(account.ref)).enabled).toBe(false);
				expect((await connector.disable(account, subject, runContext())).result).toBe('noChange');
			});
		});

		test('moves an account to another container once; moving again changes nothing', async () => {
			const account = await create(makeSubject());
			expect((await connector.move(account, scope.otherContainer, runContext())).result).toBe('done');
			expect(sameContainer((await read(account.ref)).container, scope.otherContainer)).toBe(true);
			expect((await connector.move(account, scope.otherContainer, runContext())).result).toBe('noChange');
		});

		describe('permissions', () => {
			test('grants a group once; granting again is noChange', async () => {
				const account = await create(makeSubject());
				const group = await scope.seedGroup(`GRP-${randomLetters(8)}`);
				expect((await connector.grant(account, group, runContext())).result).toBe('done');
				expect(await scope.groupMembers(group)).toEqual([account.ref]);
				expect((await connector.grant(account, group, runContext())).result).toBe('noChange');
				expect(await scope.groupMembers(group)).toEqual([account.ref]);
			});

			test('revoking a group the account is not in is noChange; revoking a held one removes it', async () => {
				const account = await create(makeSubject());
				const group = await scope.seedGroup(`GRP-${randomLetters(8)}`);
				expect((await connector.revoke(account, group, runContext())).result).toBe('noChange');
				await connector.grant(account, group, runContext());
				expect((await connector.revoke(account, group, runContext())).result).toBe('done');
				expect(await scope.groupMembers(group)).toEqual([]);
			});
		});

		test('deletes an account; deleting it again is noChange', async () => {
			const account = await create(makeSubject());
			expect((await connector.delete(account, runContext())).result).toBe('done');
			expect(await scope.readAccount(account.ref)).toBeNull();
			expect((await connector.delete(account, runContext())).result).toBe('noChange');
		});

		test('a transient failure is reported as transient and the retry succeeds', async () => {
			const subject = makeSubject();
			const account = await create(subject);
			await scope.failNextCallTransiently();
			let failure: unknown;
			try {
				await connector.correlate(subject);
			} catch (error) {
				failure = error;
			}
			expect(failure).toBeInstanceOf(Error);
			expect(connector.isTransient(failure)).toBe(true);
			expect((await connector.correlate(subject)).map((found) => found.ref)).toEqual([account.ref]);
		});

		test('a permanent failure is not transient', async () => {
			const subject = makeSubject();
			const account = await create(subject);
			await connector.delete(account, runContext());
			let failure: unknown;
			try {
				await connector.disable(account, subject, runContext());
			} catch (error) {
				failure = error;
			}
			expect(failure).toBeInstanceOf(Error);
			expect(connector.isTransient(failure)).toBe(false);
		});

		test('a dry run reports the changes of every action and writes nothing', async () => {
			const dry = () => runContext({ dryRun: true });
			const newcomer = makeSubject();
			const planned = await connector.create(newcomer, { enabled: true }, dry());
			expect(planned.result).toBe('done');
			expect(planned.account.name).toBe(setup.accountNames(newcomer)[0]);
			expect(planned.changes.length).toBeGreaterThan(0);
			expect(planned.initialPassword).toBeUndefined();
			expect(await connector.correlate(newcomer)).toEqual([]);

			const subject = makeSubject({ title: 'Accountant' });
			const account = await create(subject);
			const group = await scope.seedGroup(`GRP-${randomLetters(8)}`);
			const before = await read(account.ref);

			const update = await connector.update(account, withTitle(subject, 'Auditor'), dry());
			expect(update.changes.map((change) => change.attribute)).toEqual([setup.titleAttribute]);
			expect((await connector.disable(account, subject, dry())).result).toBe('done');
			expect((await connector.move(account, scope.otherContainer, dry())).result).toBe('done');
			expect((await connector.grant(account, group, dry())).result).toBe('done');
			expect((await connector.delete(account, dry())).result).toBe('done');

			expect(await read(account.ref)).toEqual(before);
			expect(await scope.groupMembers(group)).toEqual([]);
		});

		test('lists the accounts and groups in scope', async () => {
			const first = await create(makeSubject());
			const second = await create(makeSubject());
			const group = await scope.seedGroup(`GRP-${randomLetters(8)}`);
			const refs = (await collect(connector.listAccounts())).map((account) => account.ref);
			expect(refs).toEqual(expect.arrayContaining([first.ref, second.ref]));
			const groups = await collect(connector.listPermissions());
			expect(groups.map((permission) => permission.name)).toContain(group.name);
		});
	});
}
