export { csvCell, csvRow, escapeHtml } from './escape';
export { countPlanActions, renderActionsCsv, renderEvaluationReport, type EvaluationReportOptions } from './evaluationReport';
export { renderCorrelationCsv, renderCorrelationReport, type CorrelationReportRenderOptions } from './correlationReport';
