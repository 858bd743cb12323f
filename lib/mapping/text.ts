/** Empty means undefined, null or ''; whitespace is a value. */
export function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || value === '';
}

/** How a value is written into a template: empty → '', dates as ISO, objects and lists as JSON. */
export function toText(value: unknown): string {
	if (typeof value === 'string') return value;
	if (value === undefined || value === null) return '';
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
	if (typeof value === 'object') return JSON.stringify(value);
	return String(value);
}

// Characters outside the BMP (emoji, rare CJK) take two code units; count them as one character.
const SURROGATE = /[\uD800-\uDFFF]/;

export function charLength(text: string): number {
	return SURROGATE.test(text) ? Array.from(text).length : text.length;
}

/** Like String.slice, counting characters (code points) instead of code units. */
export function sliceChars(text: string, start: number, end?: number): string {
	if (!SURROGATE.test(text)) return text.slice(start, end);
	return Array.from(text).slice(start, end).join('');
}
