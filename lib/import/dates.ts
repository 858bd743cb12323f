import { DateTime } from 'luxon';

export interface DateSettings {
	/** luxon format tokens, e.g. 'dd-MM-yyyy'; 'iso' accepts ISO 8601 dates and timestamps. */
	format: string;
	/** IANA zone the HR system means, e.g. 'Europe/Amsterdam': timestamps are read as dates in it. */
	timeZone: string;
}

export const DEFAULT_DATE_SETTINGS: DateSettings = { format: 'iso', timeZone: 'UTC' };

/**
 * Turns an HR date value into 'YYYY-MM-DD' in the stated zone. Returns undefined for
 * empty values and throws a message naming the expected format for anything else.
 */
export function parseHrDate(value: unknown, settings: DateSettings): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	let parsed: DateTime;
	if (value instanceof Date) {
		parsed = DateTime.fromJSDate(value, { zone: settings.timeZone });
	} else if (typeof value === 'string') {
		const text = value.trim();
		parsed =
			settings.format === 'iso'
				? DateTime.fromISO(text, { zone: settings.timeZone, setZone: false })
				: DateTime.fromFormat(text, settings.format, { zone: settings.timeZone });
	} else {
		throw new Error(`expected a date, got ${typeof value}`);
	}
	if (!parsed.isValid) {
		const expected = settings.format === 'iso' ? 'an ISO 8601 date (YYYY-MM-DD)' : `the format ${settings.format}`;
		throw new Error(`"${String(value)}" is not ${expected}`);
	}
	return parsed.setZone(settings.timeZone).toISODate() ?? undefined;
}

export function isValidZone(zone: string): boolean {
	return DateTime.now().setZone(zone).isValid;
}

/** Today in the given zone, as 'YYYY-MM-DD'. */
export function today(timeZone: string): string {
	return DateTime.now().setZone(timeZone).toISODate() as string;
}

export function addDays(date: string, days: number): string {
	return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() as string;
}
