/**
 * A correlation value as it is compared: trimmed, Unicode-normalised and lower-cased, so
 * ' E001' in HR matches 'e001' in the target. Empty values are no value.
 */
export function normalizeCorrelationValue(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	const text = String(value).normalize('NFC').trim().toLowerCase();
	return text === '' ? undefined : text;
}
