const MS_PER_DAY = 86_400_000;

// Rows repeat the same few tens of thousands of days; converting each once keeps a million-person run quick.
const parsed = new Map<string, number>();
const formatted = new Map<number, string>();

/** Days since 1970-01-01 of an ISO date; whole-day arithmetic keeps dates free of time zones. */
export function dayNumber(iso: string): number {
	let day = parsed.get(iso);
	if (day === undefined) {
		day = Math.round(Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY);
		parsed.set(iso, day);
	}
	return day;
}

export function isoDate(day: number): string {
	let text = formatted.get(day);
	if (text === undefined) {
		text = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
		formatted.set(day, text);
	}
	return text;
}

export const YEAR = 365;

/** Reference dates of the two exports, fixed so nothing depends on the clock. */
export const POPULATION_DAY1 = '2026-01-05';
export const POPULATION_DAY2 = '2026-01-06';
export const DAY1 = dayNumber(POPULATION_DAY1);
export const DAY2 = dayNumber(POPULATION_DAY2);
