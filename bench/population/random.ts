/**
 * Deterministic randomness: every value is a pure function of (seed, stream, index), so any
 * person can be regenerated on its own and a million persons never sit in memory together.
 */

// Module-level references: under jest's vm context every global lookup such as `Math.imul` costs
// ~100x more than in plain node, which made the million-person tests crawl.
const { imul, floor } = Math;

/**
 * 32-bit finaliser (Chris Wellons' "lowbias32"): every input bit affects every output bit.
 * Works on signed 32-bit integers throughout, which V8 keeps unboxed: the hot path allocates nothing.
 */
function mix32(x: number): number {
	x |= 0;
	x ^= x >>> 16;
	x = imul(x, 0x7feb352d);
	x ^= x >>> 15;
	x = imul(x, 0x846ca68b | 0);
	return x ^ (x >>> 16);
}

/** A 32-bit hash (0 .. 2^32 - 1) of up to four integers. */
export function hash32(a: number, b = 0, c = 0, d = 0): number {
	let h = mix32(a ^ 0x1e3779b9);
	h = mix32(h ^ mix32((b + 0x7f4a7c15) | 0));
	h = mix32(h ^ mix32((c + 0x2545f491) | 0));
	return mix32(h ^ mix32((d + 0x1b873593) | 0)) >>> 0;
}

/** A number in [0, 1) from a hash. */
export const unit = (a: number, b = 0, c = 0, d = 0): number => hash32(a, b, c, d) / 4294967296;

/** Separate streams, so adding a draw to one aspect (names) does not shift another (contracts). */
export const STREAM = {
	roles: 1,
	departments: 2,
	department: 3,
	names: 4,
	namesake: 5,
	identity: 6,
	contractCount: 7,
	contractKinds: 8,
	contractType: 9,
	contracts: 10,
	bsn: 11,
	joiner: 12,
	move: 13,
	leave: 14,
	rehire: 15,
	attribute: 16,
	overlapPrimary: 17,
	overlapSecondary: 18,
	payroll: 19,
} as const;

/** mulberry32: a small, fast PRNG with a 32-bit state; plenty for test data. */
export class Rng {
	private state: number;

	constructor(seed: number) {
		this.state = seed | 0;
	}

	next(): number {
		this.state = (this.state + 0x6d2b79f5) | 0;
		let t = this.state;
		t = imul(t ^ (t >>> 15), t | 1);
		t ^= t + imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** An integer in [0, n). */
	int(n: number): number {
		return floor(this.next() * n);
	}

	/** An integer in [min, max], both included. */
	between(min: number, max: number): number {
		return min + this.int(max - min + 1);
	}

	chance(p: number): boolean {
		return this.next() < p;
	}

	pick<T>(list: readonly T[]): T {
		return list[this.int(list.length)];
	}

	/** Favours the front of the list: lists of names are ordered by popularity, so common names repeat. */
	popular<T>(list: readonly T[]): T {
		const u = this.next();
		return list[floor(list.length * u * u)];
	}

	weighted<T>(choices: ReadonlyArray<readonly [T, number]>): T {
		let total = 0;
		for (const [, weight] of choices) total += weight;
		let u = this.next() * total;
		for (const [value, weight] of choices) {
			u -= weight;
			if (u < 0) return value;
		}
		return choices[choices.length - 1][0];
	}
}

export const rngFor = (seed: number, stream: number, index: number, extra = 0): Rng =>
	new Rng(hash32(seed, stream, index, extra));

/**
 * A keyed pseudo-random bijection of [0, size): a 4-round Feistel network over the smallest
 * even power of two that holds `size`, with cycle-walking back into range. Both directions run
 * in constant time, so "the k-th manager" and "is person i a manager?" need no arrays.
 */
export class Permutation {
	private readonly half: number;
	private readonly mask: number;

	constructor(
		readonly size: number,
		private readonly key: number,
	) {
		let bits = 2;
		while (2 ** bits < size) bits += 2;
		this.half = bits / 2;
		this.mask = (1 << this.half) - 1;
	}

	private round(round: number, value: number): number {
		return hash32(this.key, round, value) & this.mask;
	}

	private encrypt(x: number): number {
		let left = x >>> this.half;
		let right = x & this.mask;
		for (let round = 0; round < 4; round++) {
			const next = left ^ this.round(round, right);
			left = right;
			right = next;
		}
		return ((left << this.half) | right) >>> 0;
	}

	private decrypt(y: number): number {
		let left = y >>> this.half;
		let right = y & this.mask;
		for (let round = 3; round >= 0; round--) {
			const previous = right ^ this.round(round, left);
			right = left;
			left = previous;
		}
		return ((left << this.half) | right) >>> 0;
	}

	forward(x: number): number {
		let y = this.encrypt(x);
		while (y >= this.size) y = this.encrypt(y);
		return y;
	}

	inverse(y: number): number {
		let x = this.decrypt(y);
		while (x >= this.size) x = this.decrypt(x);
		return x;
	}
}
