import { randomUUID } from 'node:crypto';

import type { MergeSuggestionsTable } from '../vault/schema';
import type { Vault } from '../vault/types';
import { ClusterSet } from './clusters';
import { DEFAULT_AGGREGATION_CONFIG, DEFAULT_MAX_BLOCK_SIZE, validateAggregationConfig, type AggregationConfig } from './config';
import { withAggregationLock } from './lock';
import { inChunks } from '../vault/inChunks';
import { orderedPair, writeMerges, type MergeToWrite } from './mergeWriter';
import { ruleKey, usesCustomFields, type MatchRecord } from './normalize';
import { compareBySourcePriority, loadSourceRanking, type RankedRecord } from './sourcePriority';

export interface AggregationResult {
	/** Active person records compared. */
	persons: number;
	/** Distinct pairs of persons sharing at least one rule key: the only pairs scored. */
	candidatePairs: number;
	/** Persons this run merged into a survivor. */
	merged: number;
	/** New open merge suggestions. */
	suggestions: number;
	/** Clusters this run formed or grew. */
	clusters: number;
	/** Rule keys shared by more than maxBlockSize persons, not compared (see AggregationConfig.maxBlockSize). */
	skippedBlocks: number;
	/** Ids of the new suggestions, best score first. */
	suggestionIds: string[];
}

/** Persons read per query: bounded memory per page, few round trips. */
const PAGE_SIZE = 5000;
/** How long a run waits for another run (or an admin decision) to finish. */
const LOCK_WAIT_MS = 10 * 60_000;

interface Edge {
	a: number;
	b: number;
	score: number;
	mask: number;
	key: number;
}

/**
 * Finds duplicate persons: blocks persons by each rule's normalised key, scores only the
 * pairs that share a key, merges pairs at or above autoMergeScore into clusters (one
 * survivor each, by source priority) and stores pairs between the two scores as open
 * merge suggestions. Running it again on unchanged data changes nothing.
 */
export async function runAggregation(
	vault: Vault,
	config: AggregationConfig = DEFAULT_AGGREGATION_CONFIG,
): Promise<AggregationResult> {
	validateAggregationConfig(config);
	return await withAggregationLock(vault, LOCK_WAIT_MS, async () => {
		const ranking = await loadSourceRanking(vault.db, config.sourcePriority);
		const { rules } = config;
		const maxBlockSize = config.maxBlockSize ?? DEFAULT_MAX_BLOCK_SIZE;

		// An entity is a survivor with everything merged into it; pairs are between entities.
		const entityIds: string[] = [];
		const entityIndex = new Map<string, number>();
		const entityOf = (id: string): number => {
			let index = entityIndex.get(id);
			if (index === undefined) {
				index = entityIds.length;
				entityIds.push(id);
				entityIndex.set(id, index);
			}
			return index;
		};
		const recordEntity = new Map<string, number>();
		const survivorRecords = new Map<number, RankedRecord>();
		const blocks = rules.map(() => new Map<string, number[]>());
		const readCustom = usesCustomFields(rules);

		let persons = 0;
		let lastId: string | undefined;
		for (;;) {
			let query = vault.db
				.selectFrom('persons')
				.select(['id', 'source_id', 'external_id', 'merged_into', 'national_id', 'birth_date', 'family_name', 'given_name', 'email', 'phone'])
				.$if(readCustom, (q) => q.select('data'))
				.where('status', '=', 'active')
				.orderBy('id')
				.limit(PAGE_SIZE);
			if (lastId !== undefined) query = query.where('id', '>', lastId);
			const rows = await query.execute();
			for (const row of rows) {
				const entity = entityOf(row.merged_into ?? row.id);
				recordEntity.set(row.id, entity);
				if (row.merged_into === null) survivorRecords.set(entity, { id: row.id, source_id: row.source_id, external_id: row.external_id });
				const record: MatchRecord = row;
				if (readCustom) record.custom = parseCustom((row as { data?: string }).data);
				for (let r = 0; r < rules.length; r++) {
					const key = ruleKey(rules[r], record);
					if (key === undefined) continue;
					const block = blocks[r].get(key);
					if (!block) blocks[r].set(key, [entity]);
					else if (block[block.length - 1] !== entity) block.push(entity);
				}
			}
			persons += rows.length;
			if (rows.length < PAGE_SIZE) break;
			lastId = rows[rows.length - 1].id;
		}

		// Candidate pairs: entities sharing a key, with the rules they share as a bit mask.
		const entityCount = entityIds.length;
		const pairs = new Map<number, number>();
		let skippedBlocks = 0;
		for (let r = 0; r < rules.length; r++) {
			const bit = 1 << r;
			for (const block of blocks[r].values()) {
				if (block.length < 2) continue;
				const members = [...new Set(block)];
				if (members.length < 2) continue;
				if (members.length > maxBlockSize) {
					skippedBlocks++;
					continue;
				}
				for (let i = 0; i < members.length; i++) {
					for (let j = i + 1; j < members.length; j++) {
						const key = pairKey(members[i], members[j], entityCount);
						pairs.set(key, (pairs.get(key) ?? 0) | bit);
					}
				}
			}
			blocks[r].clear();
		}

		const recordToEntity = (id: string) => recordEntity.get(id) ?? entityIndex.get(id);
		const forbidden = new Map<number, Set<number>>();
		for (const row of await vault.db.selectFrom('never_merge').select(['person_a', 'person_b']).execute()) {
			const a = recordToEntity(row.person_a);
			const b = recordToEntity(row.person_b);
			if (a === undefined || b === undefined || a === b) continue;
			addForbidden(forbidden, a, b);
			addForbidden(forbidden, b, a);
		}

		const autoEdges: Edge[] = [];
		const suggestionEdges: Edge[] = [];
		for (const [key, mask] of pairs) {
			let score = 0;
			for (let r = 0; r < rules.length; r++) if (mask & (1 << r)) score += rules[r].score;
			if (score < config.suggestionScore) continue;
			const edge = { a: Math.floor(key / entityCount), b: key % entityCount, score, mask, key };
			(score >= config.autoMergeScore ? autoEdges : suggestionEdges).push(edge);
		}
		const byScore = (x: Edge, y: Edge) => y.score - x.score || x.key - y.key;
		autoEdges.sort(byScore);
		suggestionEdges.sort(byScore);

		// Strongest matches join first, so a never-merge conflict drops the weaker link.
		const clusterSet = new ClusterSet(entityCount, forbidden);
		const joinedBy = new Map<number, Edge>();
		for (const edge of autoEdges) {
			if (!clusterSet.union(edge.a, edge.b)) continue;
			for (const entity of [edge.a, edge.b]) {
				if ((joinedBy.get(entity)?.score ?? -Infinity) < edge.score) joinedBy.set(entity, edge);
			}
		}

		const components = new Map<number, number[]>();
		for (const entity of joinedBy.keys()) {
			const root = clusterSet.find(entity);
			const members = components.get(root);
			if (members) members.push(entity);
			else components.set(root, [entity]);
		}
		await loadMissingSurvivorRecords(vault, components, entityIds, survivorRecords);
		const survivorOfRoot = new Map<number, number>();
		const merges: MergeToWrite[] = [];
		for (const [root, members] of components) {
			const ranked = members.map((entity) => ({ entity, record: survivorRecords.get(entity)! }));
			ranked.sort((x, y) => compareBySourcePriority(ranking, x.record, y.record));
			const survivor = ranked[0].entity;
			survivorOfRoot.set(root, survivor);
			for (const { entity } of ranked.slice(1)) {
				const edge = joinedBy.get(entity)!;
				merges.push({
					survivorId: entityIds[survivor],
					mergedId: entityIds[entity],
					rules: ruleNames(config, edge.mask),
					score: edge.score,
				});
			}
		}
		const survivorOf = (entity: number) => {
			const root = clusterSet.find(entity);
			return survivorOfRoot.get(root) ?? root;
		};

		// A pair already suggested (open, accepted or rejected) is not suggested again, even
		// when one side has since been merged into another survivor.
		const known = new Set<number>();
		for (const row of await vault.db.selectFrom('merge_suggestions').select(['person_a', 'person_b']).execute()) {
			const a = recordToEntity(row.person_a);
			const b = recordToEntity(row.person_b);
			if (a !== undefined && b !== undefined) known.add(pairKey(survivorOf(a), survivorOf(b), entityCount));
		}
		const suggested = new Map<number, Edge>();
		for (const edge of suggestionEdges) {
			if (clusterSet.find(edge.a) === clusterSet.find(edge.b) || clusterSet.conflict(edge.a, edge.b)) continue;
			const key = pairKey(survivorOf(edge.a), survivorOf(edge.b), entityCount);
			// Edges come best first: the first edge for a survivor pair is its score.
			if (!known.has(key) && !suggested.has(key)) suggested.set(key, edge);
		}
		const now = new Date().toISOString();
		const suggestionRows: MergeSuggestionsTable[] = [...suggested].map(([key, edge]) => {
			const [a, b] = orderedPair(entityIds[Math.floor(key / entityCount)], entityIds[key % entityCount]);
			return {
				id: randomUUID(),
				person_a: a,
				person_b: b,
				score: edge.score,
				rules: JSON.stringify(ruleNames(config, edge.mask)),
				status: 'open',
				created_at: now,
				decided_at: null,
			};
		});

		if (merges.length > 0 || suggestionRows.length > 0) {
			await vault.transaction(async (trx) => {
				await writeMerges(vault, trx, merges, 'auto');
				await vault.insertMany(trx, 'merge_suggestions', suggestionRows);
			});
		}
		return {
			persons,
			candidatePairs: pairs.size,
			merged: merges.length,
			suggestions: suggestionRows.length,
			clusters: components.size,
			skippedBlocks,
			suggestionIds: suggestionRows.map((row) => row.id),
		};
	});
}

/** One number per unordered pair: cheaper to hash than a string of two UUIDs. */
function pairKey(a: number, b: number, count: number): number {
	return a < b ? a * count + b : b * count + a;
}

function addForbidden(forbidden: Map<number, Set<number>>, a: number, b: number): void {
	const partners = forbidden.get(a);
	if (partners) partners.add(b);
	else forbidden.set(a, new Set([b]));
}

function ruleNames(config: AggregationConfig, mask: number): string[] {
	return config.rules.filter((_, r) => mask & (1 << r)).map((rule) => rule.name);
}

function parseCustom(data: string | undefined): Record<string, unknown> {
	if (!data) return {};
	try {
		const custom = (JSON.parse(data) as { custom?: unknown }).custom;
		return custom && typeof custom === 'object' ? (custom as Record<string, unknown>) : {};
	} catch {
		return {};
	}
}

/**
 * A survivor whose own record is gone (left its source) still holds its active merged
 * persons; its source and external id are needed to rank it, so read them.
 */
async function loadMissingSurvivorRecords(
	vault: Vault,
	components: ReadonlyMap<number, number[]>,
	entityIds: readonly string[],
	survivorRecords: Map<number, RankedRecord>,
): Promise<void> {
	const missing = [...components.values()].flat().filter((entity) => !survivorRecords.has(entity));
	if (missing.length === 0) return;
	const rows = await inChunks(missing, (chunk) =>
		vault.db
			.selectFrom('persons')
			.select(['id', 'source_id', 'external_id'])
			.where(
				'id',
				'in',
				chunk.map((entity) => entityIds[entity]),
			)
			.execute(),
	);
	const byId = new Map(rows.map((row) => [row.id, row]));
	for (const entity of missing) {
		const id = entityIds[entity];
		// A dangling merged_into (its survivor deleted) ranks last.
		survivorRecords.set(entity, byId.get(id) ?? { id, source_id: '', external_id: '' });
	}
}
