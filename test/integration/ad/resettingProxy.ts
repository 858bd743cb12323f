import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of the DC that can make the next request fail as a dropped connection
 * does: the next bytes any client sends (an LDAP request on an open connection, or the TLS
 * handshake of a new one) are answered with a TCP reset. Later traffic passes untouched.
 */
export interface ResettingProxy {
	/** `ldaps://<the DC's address>:<port>`. */
	url: string;
	/** Resets the connection that sends next. */
	resetNext(): void;
	/** How many connections were reset. */
	readonly resets: number;
	close(): Promise<void>;
}

export async function startResettingProxy(target: string): Promise<ResettingProxy> {
	const upstream = new URL(target);
	const port = Number(upstream.port) || (upstream.protocol === 'ldaps:' ? 636 : 389);
	const sockets = new Set<Socket>();
	let armed = false;
	let resets = 0;
	const server: Server = createServer((client) => {
		const dc = connect(port, upstream.hostname);
		sockets.add(client).add(dc);
		const forget = (): void => {
			sockets.delete(client);
			sockets.delete(dc);
		};
		client.on('data', (chunk) => {
			if (armed) {
				armed = false;
				resets++;
				client.resetAndDestroy();
				dc.destroy();
				return;
			}
			dc.write(chunk);
		});
		dc.on('data', (chunk) => client.write(chunk));
		client.on('close', () => {
			dc.destroy();
			forget();
		});
		dc.on('close', () => {
			client.destroy();
			forget();
		});
		client.on('error', () => dc.destroy());
		dc.on('error', () => client.destroy());
	});
	// On the DC's own address: its certificate names that address, so TLS verifies through the proxy.
	await new Promise<void>((resolve) => server.listen(0, upstream.hostname, resolve));
	const address = server.address();
	if (address === null || typeof address === 'string') throw new Error('the proxy has no TCP port');
	return {
		url: `${upstream.protocol}//${upstream.hostname}:${address.port}`,
		resetNext: () => {
			armed = true;
		},
		get resets() {
			return resets;
		},
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
