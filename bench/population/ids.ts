/** Employee ids are numbers of one width, so text order and numeric order agree. */
const EMPLOYEE_ID_BASE = 10_000_001;

export const employeeId = (index: number): string => String(EMPLOYEE_ID_BASE + index);
export const payrollId = (index: number): string => `P${EMPLOYEE_ID_BASE + index}`;

/** The index behind an employee id, or undefined when the id is not one of ours. */
export function indexOfId(id: string, prefix = ''): number | undefined {
	const digits = id.startsWith(prefix) ? id.slice(prefix.length) : '';
	if (!/^\d{8,}$/.test(digits)) return undefined;
	const index = Number(digits) - EMPLOYEE_ID_BASE;
	return index >= 0 ? index : undefined;
}
