const DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/** Days since 1970-01-01 for a 'YYYY-MM-DD' text (proleptic Gregorian, no time zones). */
export function toDayNumber(date: string): number {
	let y = (date.charCodeAt(0) - 48) * 1000 + (date.charCodeAt(1) - 48) * 100 + (date.charCodeAt(2) - 48) * 10 + (date.charCodeAt(3) - 48);
	const m = (date.charCodeAt(5) - 48) * 10 + (date.charCodeAt(6) - 48);
	const d = (date.charCodeAt(8) - 48) * 10 + (date.charCodeAt(9) - 48);
	// Howard Hinnant's days_from_civil: plain integer arithmetic, far cheaper than Date objects
	// in the per-contract lifecycle computations.
	if (m <= 2) y -= 1;
	const era = Math.floor(y / 400);
	const yoe = y - era * 400;
	const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
	const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
	return era * 146097 + doe - 719468;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** The 'YYYY-MM-DD' of a day number from toDayNumber. */
export function fromDayNumber(days: number): string {
	const z = days + 719468;
	const era = Math.floor(z / 146097);
	const doe = z - era * 146097;
	const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
	const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
	const mp = Math.floor((5 * doy + 2) / 153);
	const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
	const m = mp < 10 ? mp + 3 : mp - 9;
	const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
	return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isDate(text: string): boolean {
	if (text.length !== 10 || !DATE.test(text)) return false;
	return fromDayNumber(toDayNumber(text)) === text;
}

/** The date part of a field value: 'YYYY-MM-DD' from a date or ISO timestamp text; anything else gives undefined. */
export function dateOf(value: unknown): string | undefined {
	if (typeof value === 'string') return DATE.test(value) ? value.slice(0, 10) : undefined;
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
	return undefined;
}

/** 'YYYY-MM-DD' moved by whole days. */
export function addDays(date: string, days: number): string {
	return days === 0 ? date : fromDayNumber(toDayNumber(date) + days);
}
