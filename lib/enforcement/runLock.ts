import type { Vault } from '../vault/types';

/** Another run holds the target. */
export class EnforcementBusyError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'EnforcementBusyError';
	}
}

/**
 * The vault lock that keeps two executions (or two n8n workers) from enforcing one target at
 * once. Renewed every third of its time to live while the run lasts; a run that dies holds
 * the target until the lock expires, then the next run takes over and resumes its claims.
 */
export class RunLock {
	private lost = false;
	private readonly timer: NodeJS.Timeout;

	private constructor(
		private readonly vault: Vault,
		readonly name: string,
		readonly owner: string,
		ttlMs: number,
	) {
		this.timer = setInterval(() => {
			vault.acquireLock(name, owner, ttlMs).then(
				(held) => (this.lost ||= !held),
				() => (this.lost = true),
			);
		}, Math.max(50, Math.floor(ttlMs / 3)));
		this.timer.unref();
	}

	/** Takes the lock, waiting up to waitMs for another run to finish (an HR webhook arriving during the nightly run). */
	static async take(vault: Vault, name: string, owner: string, ttlMs: number, waitMs = 0): Promise<RunLock> {
		const deadline = Date.now() + waitMs;
		for (;;) {
			if (await vault.acquireLock(name, owner, ttlMs)) return new RunLock(vault, name, owner, ttlMs);
			if (Date.now() >= deadline) break;
			await new Promise((resolve) => setTimeout(resolve, Math.min(1000, Math.max(50, deadline - Date.now()))));
		}
		const holder = await vault.db.selectFrom('locks').select(['owner', 'acquired_at', 'expires_at']).where('name', '=', name).executeTakeFirst();
		throw new EnforcementBusyError(
			`Another run (${holder?.owner ?? 'unknown'}, since ${holder?.acquired_at ?? '?'}) is enforcing this target; try again when it has finished` +
				(holder ? ` or after its lock expires at ${holder.expires_at}` : ''),
		);
	}

	/** Stops the run when the lock could not be renewed (the vault was unreachable for longer than its time to live). */
	assertHeld(): void {
		if (this.lost) throw new EnforcementBusyError(`The run lock ${this.name} was lost; stopped so that two runs never enforce at once`);
	}

	async release(): Promise<void> {
		clearInterval(this.timer);
		await this.vault.releaseLock(this.name, this.owner);
	}
}
