import Bottleneck from 'bottleneck';
import { backOff } from 'exponential-backoff';

export interface CallPolicy {
	concurrency: number;
	ratePerSecond: number;
	maxAttempts: number;
	retryDelayMs: number;
	retryMaxDelayMs: number;
}

/**
 * Every call to a target goes through here: at most `concurrency` at once and `ratePerSecond`
 * started per second (bottleneck), transient failures tried again after an exponential delay
 * with full jitter (exponential-backoff), so parallel workers do not retry in lockstep.
 */
export class TargetCalls {
	private readonly limiter: Bottleneck;

	constructor(
		private readonly policy: CallPolicy,
		private readonly isTransient: (error: unknown) => boolean,
	) {
		this.limiter = new Bottleneck({
			maxConcurrent: policy.concurrency,
			minTime: policy.ratePerSecond > 0 ? Math.ceil(1000 / policy.ratePerSecond) : 0,
		});
	}

	/** Runs fn with limits and retries; `attempts` counts the tries made. */
	async call<T>(fn: () => Promise<T>, attempts: { count: number }): Promise<T> {
		return await backOff(
			() => {
				attempts.count++;
				return this.limiter.schedule(fn);
			},
			{
				numOfAttempts: this.policy.maxAttempts,
				startingDelay: this.policy.retryDelayMs,
				maxDelay: this.policy.retryMaxDelayMs,
				timeMultiple: 2,
				jitter: 'full',
				retry: (error) => this.isTransient(error),
			},
		);
	}

	async stop(): Promise<void> {
		await this.limiter.stop({ dropWaitingJobs: false });
	}
}
