/** Ids per `in (...)` list: far below both backends' parameter limits. */
const DEFAULT_SIZE = 500;

/** Runs fn on the items in chunks small enough for one `in (...)` list on both backends, and collects the results. */
export async function inChunks<T, R>(items: Iterable<T>, fn: (chunk: T[]) => Promise<R[]>, size = DEFAULT_SIZE): Promise<R[]> {
	const all = [...items];
	const results: R[] = [];
	for (let start = 0; start < all.length; start += size) results.push(...(await fn(all.slice(start, start + size))));
	return results;
}
