import type { VaultDb } from '../vault/types';
import { AggregationError } from './errors';

export interface SourceRanking {
	/** 0 is the highest priority; unknown sources rank last. */
	rank(sourceId: string): number;
	name(sourceId: string): string;
}

/**
 * Orders the vault's sources: the names in sourcePriority first (in that order), then the
 * rest by sources.priority (lower number first) and name.
 */
export async function loadSourceRanking(db: VaultDb, sourcePriority: readonly string[] = []): Promise<SourceRanking> {
	const sources = await db.selectFrom('sources').select(['id', 'name', 'priority']).execute();
	const listed = sourcePriority.map((name) => name.trim()).filter(Boolean);
	const known = new Set(sources.map((s) => s.name));
	const unknown = listed.filter((name) => !known.has(name));
	if (unknown.length > 0) {
		throw new AggregationError(
			`The source priority names unknown source${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `'${n}'`).join(', ')}`,
			`Known sources: ${[...known].sort().join(', ') || 'none yet (import a source first)'}.`,
		);
	}
	const position = (name: string) => {
		const index = listed.indexOf(name);
		return index === -1 ? listed.length : index;
	};
	const ordered = [...sources].sort(
		(a, b) => position(a.name) - position(b.name) || a.priority - b.priority || a.name.localeCompare(b.name),
	);
	const ranks = new Map(ordered.map((s, index) => [s.id, index]));
	const names = new Map(sources.map((s) => [s.id, s.name]));
	return {
		rank: (sourceId) => ranks.get(sourceId) ?? ordered.length,
		name: (sourceId) => names.get(sourceId) ?? sourceId,
	};
}

export interface RankedRecord {
	id: string;
	source_id: string;
	external_id: string;
}

/** Survivor order: highest-priority source, then lowest external id, then lowest id, so the choice never depends on read order. */
export function compareBySourcePriority(ranking: SourceRanking, a: RankedRecord, b: RankedRecord): number {
	return (
		ranking.rank(a.source_id) - ranking.rank(b.source_id) ||
		EXTERNAL_ID_ORDER.compare(a.external_id, b.external_id) ||
		compareText(a.id, b.id)
	);
}

/** Employee numbers compare as numbers where they are numbers: '9' before '10'. */
const EXTERNAL_ID_ORDER = new Intl.Collator('en', { numeric: true });

function compareText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
