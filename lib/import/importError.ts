/** An import that cannot run as configured or asked; the message says what to change. */
export class ImportError extends Error {}
