import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

/** How often the write-ahead log is copied back into the database file. */
const CHECKPOINT_EVERY_MS = 1000;

// Plain JavaScript run with `eval`: no file to resolve, so it works from dist/ and under ts-jest alike.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { DatabaseSync } = require('node:sqlite');
const database = new DatabaseSync(workerData.file);
database.exec('pragma busy_timeout = 0');
const checkpoint = () => {
	try {
		database.exec('pragma wal_checkpoint(passive)');
	} catch {
		// Busy or locked: the next round catches up, and closing the vault checkpoints anyway.
	}
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.once('message', () => {
	clearInterval(timer);
	checkpoint();
	database.close();
	parentPort.close();
});
`;

/**
 * Checkpoints a SQLite vault on a thread of its own. SQLite's automatic checkpoint runs inside
 * the commit that crosses the log's size limit: after a large import that is seconds of copying
 * on n8n's main thread. A passive checkpoint from another connection blocks neither readers
 * nor the writer, so the commit returns at once and n8n stays responsive.
 */
export class Checkpointer {
	private readonly worker: Worker;
	private failed = false;

	/** `onFailure`: the thread could not run (say, the file cannot be opened there); the caller checkpoints itself then. */
	constructor(file: string, onFailure: (error: Error) => void) {
		this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, everyMs: CHECKPOINT_EVERY_MS } });
		this.worker.unref(); // never keeps n8n or a test run alive
		// Without a listener, an error in the thread would be thrown in n8n's process.
		this.worker.once('error', (error) => {
			this.failed = true;
			onFailure(error);
		});
	}

	/** A last checkpoint, then the thread ends. */
	async stop(): Promise<void> {
		if (this.failed) return;
		const exited = once(this.worker, 'exit');
		this.worker.ref(); // else the process may end while we wait for the thread
		this.worker.postMessage('stop');
		await exited;
	}
}
