import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { CORRELATION_CATEGORIES, renderCorrelationCsv, renderCorrelationReport, type CorrelationReport } from '../../lib/correlation';

/** The report as items: the counts with the HTML (binary "report") and CSV (binary "csv"), then one item per listed entry. */
export async function correlationReportItems(context: IExecuteFunctions, report: CorrelationReport, itemIndex: number): Promise<INodeExecutionData[]> {
	const pairedItem = { item: itemIndex };
	const stamp = report.createdAt.slice(0, 10);
	const file = (extension: string) => `correlation-${report.target}-${stamp}.${extension}`;
	const html = await context.helpers.prepareBinaryData(Buffer.from(renderCorrelationReport(report), 'utf8'), file('html'), 'text/html');
	const csv = await context.helpers.prepareBinaryData(Buffer.from(renderCorrelationCsv(report), 'utf8'), file('csv'), 'text/csv');
	const items: INodeExecutionData[] = [
		{ json: { target: report.target, createdAt: report.createdAt, scope: report.scope, counts: report.counts as unknown as IDataObject }, binary: { report: html, csv }, pairedItem },
	];
	for (const category of CORRELATION_CATEGORIES) {
		for (const entry of report[category]) items.push({ json: { category, ...(entry as object) } as IDataObject, pairedItem });
	}
	return items;
}
