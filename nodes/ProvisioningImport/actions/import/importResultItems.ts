import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { ImportResult } from '../../../../lib/import';

/** Issues shown on the summary item; all of them are counted and stored with the import. */
const SHOWN_ISSUES = 100;

export function summaryJson(result: ImportResult): IDataObject {
	return {
		importId: result.importId,
		source: result.source,
		status: result.status,
		mode: result.mode,
		snapshotId: result.snapshotId ?? null,
		rows: result.rows,
		persons: result.persons ?? null,
		blocked: result.blocked ?? null,
		joiners: result.counts?.joiner ?? 0,
		movers: result.counts?.mover ?? 0,
		leavers: result.counts?.leaver ?? 0,
		rehires: result.counts?.rehire ?? 0,
		attributeChanges: result.counts?.attributeChange ?? 0,
		unchanged: result.counts?.unchanged ?? 0,
		holdReason: result.holdReason ?? null,
		thresholds: result.thresholds as unknown as IDataObject[],
		issueCount: result.issueCount,
		issues: result.issues.slice(0, SHOWN_ISSUES) as unknown as IDataObject[],
	};
}

/** The summary first, then one item per changed person (capped by the import's Max Change Items). */
export function resultItems(result: ImportResult): INodeExecutionData[] {
	return [
		{ json: summaryJson(result), pairedItem: { item: 0 } },
		...(result.changes ?? []).map((change) => ({
			json: { type: 'personChange', ...change } as unknown as IDataObject,
			pairedItem: { item: 0 },
		})),
	];
}
