/** Levenshtein distance: how many single-character edits turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
	let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
		}
		previous = current;
	}
	return previous[b.length];
}

/**
 * The candidates that look like a typo of `name`, closest first: a small edit distance
 * (ignoring case), or, with `containment`, one containing the other ("lowercase" → "lower").
 */
export function closestMatches(name: string, candidates: Iterable<string>, containment = true, limit = 3): string[] {
	const wanted = name.toLowerCase();
	const threshold = Math.max(2, Math.ceil(wanted.length / 3));
	const scored: Array<{ candidate: string; score: number }> = [];
	for (const candidate of candidates) {
		const lower = candidate.toLowerCase();
		let score = editDistance(wanted, lower);
		if (containment && score > 1 && lower.length >= 3 && wanted.length >= 3 && (wanted.includes(lower) || lower.includes(wanted))) score = 1;
		if (score <= threshold) scored.push({ candidate, score });
	}
	scored.sort((x, y) => x.score - y.score || x.candidate.localeCompare(y.candidate));
	return scored.slice(0, limit).map((entry) => entry.candidate);
}

/** ` Did you mean "a" or "b"?`, or '' when nothing is close. */
export function didYouMean(matches: string[]): string {
	if (matches.length === 0) return '';
	const quoted = matches.map((match) => `"${match}"`);
	const last = quoted.pop();
	return ` Did you mean ${quoted.length > 0 ? `${quoted.join(', ')} or ${last}` : last}?`;
}
