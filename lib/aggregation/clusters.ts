/**
 * Union-find over entity indexes (A~B, B~C gives one cluster A, B, C) that refuses a union
 * joining two entities marked "never merge", however indirectly they would meet.
 */
export class ClusterSet {
	private readonly parent: Int32Array;
	private readonly size: Int32Array;
	/** Per root: the members that have never-merge partners (the only ones a union must check). */
	private readonly constrained = new Map<number, number[]>();

	constructor(
		count: number,
		/** Never-merge partners per entity, symmetric. */
		private readonly forbidden: ReadonlyMap<number, ReadonlySet<number>>,
	) {
		this.parent = new Int32Array(count);
		this.size = new Int32Array(count).fill(1);
		for (let i = 0; i < count; i++) this.parent[i] = i;
		for (const entity of forbidden.keys()) this.constrained.set(entity, [entity]);
	}

	find(entity: number): number {
		let root = entity;
		while (this.parent[root] !== root) root = this.parent[root];
		// Path compression keeps later finds near O(1).
		while (this.parent[entity] !== root) {
			const next = this.parent[entity];
			this.parent[entity] = root;
			entity = next;
		}
		return root;
	}

	/** True when some member of a's cluster must never be merged with some member of b's. */
	conflict(a: number, b: number): boolean {
		const rootA = this.find(a);
		const rootB = this.find(b);
		if (rootA === rootB) return false;
		for (const member of this.constrained.get(rootA) ?? []) {
			for (const partner of this.forbidden.get(member) ?? []) {
				if (this.find(partner) === rootB) return true;
			}
		}
		return false;
	}

	/** Joins the clusters of a and b; false when they were already one or a never-merge forbids it. */
	union(a: number, b: number): boolean {
		let rootA = this.find(a);
		let rootB = this.find(b);
		if (rootA === rootB || this.conflict(rootA, rootB)) return false;
		if (this.size[rootA] < this.size[rootB]) [rootA, rootB] = [rootB, rootA];
		this.parent[rootB] = rootA;
		this.size[rootA] += this.size[rootB];
		const moved = this.constrained.get(rootB);
		if (moved) {
			this.constrained.set(rootA, [...(this.constrained.get(rootA) ?? []), ...moved]);
			this.constrained.delete(rootB);
		}
		return true;
	}
}
