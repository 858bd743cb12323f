import { charLength, isEmpty, sliceChars, toText } from './text';
import type { CompiledValue } from './types';

export interface UniqueOptions {
	/** The target's length limit, e.g. 20 for sAMAccountName; candidates are cut to it. */
	maxLength?: number;
	/** The first numeric suffix; default 2 (`j.smith2`). */
	iterationStart?: number;
	/** How many numbered candidates to offer after the listed ones; default 100. */
	maxIterations?: number;
}

/**
 * The values to try, in order, for a field that must be unique (DESIGN "Unique values"):
 * each candidate's value (empty and repeated ones skipped, each cut to maxLength), then the
 * first candidate with a number appended (`j.smith2`, `j.smith3`, ...), its base shortened so
 * the number fits in maxLength. Lazy: the caller takes values until one is free in the target
 * and the vault, and later candidates are never evaluated.
 */
export function* uniqueCandidates(
	candidates: CompiledValue[],
	context: object,
	options: UniqueOptions = {},
): Generator<string> {
	const maxLength = options.maxLength ?? Infinity;
	const seen = new Set<string>();
	let base: string | undefined;
	for (const candidate of candidates) {
		const value = candidate(context);
		if (isEmpty(value)) continue;
		const text = toText(value);
		base ??= text;
		const cut = charLength(text) > maxLength ? sliceChars(text, 0, maxLength) : text;
		if (cut === '' || seen.has(cut)) continue;
		seen.add(cut);
		yield cut;
	}
	if (base === undefined) return;
	const start = options.iterationStart ?? 2;
	const count = options.maxIterations ?? 100;
	for (let n = start; n < start + count; n++) {
		const suffix = String(n);
		const room = maxLength - suffix.length;
		if (room < 1) return;
		const value = (charLength(base) > room ? sliceChars(base, 0, room) : base) + suffix;
		if (seen.has(value)) continue;
		seen.add(value);
		yield value;
	}
}
