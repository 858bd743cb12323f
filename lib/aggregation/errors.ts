/** A problem an admin can fix: a wrong configuration, an unknown id, a decision that conflicts with an earlier one. */
export class AggregationError extends Error {
	constructor(
		message: string,
		/** Longer help, shown by the node under the message. */
		readonly description?: string,
	) {
		super(message);
		this.name = 'AggregationError';
	}
}
