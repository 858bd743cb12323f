import type { Vault } from '../vault/types';

const PAGE = 2000;

/**
 * Values of the target's accounts as the vault knows them, per attribute, plus what creates of
 * this run reserved: a generated username is checked against accounts the target no longer
 * shows (not yet synced, or in another scope) and against parallel creates of the same run.
 * Compared case-insensitively, as AD and Google compare names.
 */
export class UniqueValues {
	private constructor(private readonly taken: Map<string, Set<string>>) {}

	static async load(vault: Vault, target: string): Promise<UniqueValues> {
		const taken = new Map<string, Set<string>>();
		let after = '';
		for (;;) {
			const rows = await vault.db
				.selectFrom('accounts')
				.select(['id', 'data'])
				.where('target', '=', target)
				.where('state', '!=', 'deleted')
				.where('id', '>', after)
				.orderBy('id')
				.limit(PAGE)
				.execute();
			for (const row of rows) {
				let attributes: Record<string, unknown> = {};
				try {
					attributes = (JSON.parse(row.data) as { attributes?: Record<string, unknown> }).attributes ?? {};
				} catch {
					// Nothing to learn from an unreadable document.
				}
				for (const [attribute, value] of Object.entries(attributes)) {
					for (const item of Array.isArray(value) ? value : [value]) {
						if (typeof item !== 'string' || item === '') continue;
						let values = taken.get(attribute.toLowerCase());
						if (!values) taken.set(attribute.toLowerCase(), (values = new Set()));
						values.add(item.toLowerCase());
					}
				}
			}
			if (rows.length < PAGE) return new UniqueValues(taken);
			after = rows[rows.length - 1].id;
		}
	}

	/** Claims the value for this run; false when the vault or an earlier reservation holds it. */
	reserve(attribute: string, value: string): boolean {
		const key = attribute.toLowerCase();
		let values = this.taken.get(key);
		if (!values) this.taken.set(key, (values = new Set()));
		const normalised = value.toLowerCase();
		if (values.has(normalised)) return false;
		values.add(normalised);
		return true;
	}
}
