/** A problem an admin can fix: an unknown person, an account that already has an owner, a wrong option. */
export class CorrelationError extends Error {
	constructor(
		message: string,
		/** Longer help, shown by the node under the message. */
		readonly description?: string,
	) {
		super(message);
		this.name = 'CorrelationError';
	}
}
