import type { ChangeKind } from '../model/person';
import type { Vault, VaultDb } from '../vault/types';
import type { PersonSummary } from './classifyChange';

export interface PersonChange {
	personId: string;
	externalId: string;
	name?: string;
	kind: ChangeKind;
	before: PersonSummary | null;
	after: PersonSummary | null;
}

export type ChangeCounts = Record<ChangeKind, number>;

const BATCH = 1000;

/** Counts every change, keeps the first few for the node's output, writes them in batches. */
export class ChangeLog {
	readonly counts: ChangeCounts = { joiner: 0, mover: 0, leaver: 0, rehire: 0, attributeChange: 0, unchanged: 0 };
	readonly shown: PersonChange[] = [];
	private queued: PersonChange[] = [];

	constructor(
		private readonly vault: Vault,
		private readonly db: VaultDb,
		private readonly snapshotId: string,
		private readonly maxShown: number,
	) {}

	unchanged(): void {
		this.counts.unchanged++;
	}

	async add(change: PersonChange): Promise<void> {
		this.counts[change.kind]++;
		if (this.shown.length < this.maxShown) this.shown.push(change);
		this.queued.push(change);
		if (this.queued.length >= BATCH) await this.flush();
	}

	async flush(): Promise<void> {
		const rows = this.queued.splice(0).map((change) => ({
			snapshot_id: this.snapshotId,
			person_id: change.personId,
			kind: change.kind,
			before: change.before ? JSON.stringify(change.before) : null,
			after: change.after ? JSON.stringify(change.after) : null,
		}));
		if (rows.length) await this.vault.insertMany(this.db, 'person_changes', rows);
	}
}
