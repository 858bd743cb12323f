import { DateTime } from 'luxon';

export interface DateSettings {
	/** luxon format tokens, e.g. 'dd-MM-yyyy'; 'iso' accepts ISO 8601 dates and timestamps. */
	format: string;
	/** IANA zone the HR system means, e.g. 'Europe/Amsterdam': timestamps are read as dates in it. */
	timeZone: string;
}

export const DEFAULT_DATE_SETTINGS: DateSettings = { format: 'iso', timeZone: 'UTC' };

const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;
const JS_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** 2026-02-30 matches the pattern but is no date. */
function isRealDate(text: string): boolean {
	const year = Number(text.slice(0, 4));
	const month = Number(text.slice(5, 7));
	const day = Number(text.slice(8, 10));
	if (month < 1 || month > 12 || day < 1) return false;
	const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
	const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
	return day <= days;
}

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
		// Most HR exports give plain dates: they need no parsing library, and no zone.
		if (settings.format === 'iso' && PLAIN_DATE.test(text) && isRealDate(text)) return text;
		// A JavaScript date as JSON (Date.toJSON), whatever the format: rows from a database node
		// carry dates, and an import stores its rows as JSON before mapping them.
		parsed =
			settings.format === 'iso' || JS_TIMESTAMP.test(text)
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
