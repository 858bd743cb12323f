import { createServer, type Server, type Socket } from 'node:net';

/** One MIME part of a received message, its body decoded. */
export interface MailPart {
	contentType: string;
	/** From Content-Disposition's filename or Content-Type's name. */
	filename?: string;
	body: Buffer;
	text(): string;
}

export interface ReceivedMail {
	from: string;
	to: string[];
	subject: string;
	headers: Record<string, string>;
	raw: string;
	/** The leaf parts: the text and HTML bodies, then the attachments. */
	parts: MailPart[];
	/** The decoded text of the text and HTML parts, joined. */
	body: string;
	attachment(filenamePattern: RegExp): MailPart | undefined;
}

export interface SmtpSink {
	host: string;
	port: number;
	messages: ReceivedMail[];
	/** An n8n `smtp` credential (as the harness takes it) that sends here: no TLS, no login. */
	credential(id?: string, name?: string): { id: string; name: string; type: string; data: Record<string, string | number | boolean> };
	close(): Promise<void>;
}

/**
 * A local SMTP server that accepts every message and keeps it: enough of RFC 5321 for
 * nodemailer (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), no TLS, no AUTH. Test code only.
 */
export async function startSmtpSink(): Promise<SmtpSink> {
	const messages: ReceivedMail[] = [];
	const sockets = new Set<Socket>();
	const server: Server = createServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => sockets.delete(socket));
		let buffer = '';
		let inData = false;
		let data: string[] = [];
		let from = '';
		let to: string[] = [];
		const reply = (line: string) => socket.write(`${line}\r\n`);
		reply('220 sink.test ESMTP test sink');
		socket.setEncoding('latin1');
		socket.on('data', (chunk: string) => {
			buffer += chunk;
			let end: number;
			while ((end = buffer.indexOf('\r\n')) >= 0) {
				const line = buffer.slice(0, end);
				buffer = buffer.slice(end + 2);
				if (inData) {
					if (line === '.') {
						inData = false;
						messages.push(parseMail(from, to, data.join('\r\n')));
						reply('250 2.0.0 queued');
					} else {
						data.push(line.startsWith('..') ? line.slice(1) : line); // undo dot-stuffing
					}
					continue;
				}
				const verb = line.slice(0, 4).toUpperCase();
				if (verb === 'EHLO') reply('250-sink.test\r\n250 8BITMIME');
				else if (verb === 'HELO') reply('250 sink.test');
				else if (verb === 'MAIL') {
					from = addressOf(line);
					to = [];
					reply('250 2.1.0 ok');
				} else if (verb === 'RCPT') {
					to.push(addressOf(line));
					reply('250 2.1.5 ok');
				} else if (verb === 'DATA') {
					inData = true;
					data = [];
					reply('354 end with <CRLF>.<CRLF>');
				} else if (verb === 'RSET' || verb === 'NOOP') reply('250 ok');
				else if (verb === 'QUIT') {
					reply('221 bye');
					socket.end();
				} else reply('502 5.5.1 not implemented');
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as { port: number }).port;
	return {
		host: '127.0.0.1',
		port,
		messages,
		credential: (id = 'smtp', name = 'SMTP') => ({
			id,
			name,
			type: 'smtp',
			// The harness knows only this package's credential types, so every field is given.
			data: { user: '', password: '', host: '127.0.0.1', port, secure: false, disableStartTls: true, hostName: '' },
		}),
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

const addressOf = (line: string): string => /<([^>]*)>/.exec(line)?.[1] ?? line.slice(line.indexOf(':') + 1).trim();

function splitHeaders(text: string): { headers: Record<string, string>; body: string } {
	const at = text.indexOf('\r\n\r\n');
	const head = at < 0 ? text : text.slice(0, at);
	const body = at < 0 ? '' : text.slice(at + 4);
	const headers: Record<string, string> = {};
	for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
		const colon = line.indexOf(':');
		if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
	}
	return { headers, body };
}

const parameter = (header: string | undefined, name: string): string | undefined =>
	header ? new RegExp(`${name}\\*?="?([^";]+)"?`, 'i').exec(header)?.[1] : undefined;

/** RFC 2047 encoded words, as nodemailer writes non-ASCII subjects and file names. */
function decodeWords(text: string): string {
	return text.replace(/=\?([^?]+)\?([BQ])\?([^?]*)\?=\s*/gi, (_, _charset: string, encoding: string, value: string) =>
		encoding.toUpperCase() === 'B'
			? Buffer.from(value, 'base64').toString('utf8')
			: Buffer.from(value.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
	);
}

function decodeBody(body: string, encoding: string | undefined): Buffer {
	switch ((encoding ?? '7bit').toLowerCase()) {
		case 'base64':
			return Buffer.from(body.replace(/\s+/g, ''), 'base64');
		case 'quoted-printable':
			return Buffer.from(
				body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
				'latin1',
			);
		default:
			return Buffer.from(body, 'latin1');
	}
}

function leafParts(headers: Record<string, string>, body: string): MailPart[] {
	const contentType = headers['content-type'] ?? 'text/plain';
	const boundary = parameter(contentType, 'boundary');
	if (/^multipart\//i.test(contentType) && boundary) {
		const sections = body.split(`--${boundary}`).slice(1);
		return sections
			.filter((section) => !section.startsWith('--'))
			.flatMap((section) => {
				const part = splitHeaders(section.replace(/^\r\n/, ''));
				return leafParts(part.headers, part.body.replace(/\r\n$/, ''));
			});
	}
	const filename = parameter(headers['content-disposition'], 'filename') ?? parameter(contentType, 'name');
	const decoded = decodeBody(body, headers['content-transfer-encoding']);
	return [
		{
			contentType: contentType.split(';')[0].trim().toLowerCase(),
			filename: filename ? decodeWords(filename) : undefined,
			body: decoded,
			text: () => decoded.toString('utf8'),
		},
	];
}

function parseMail(from: string, to: string[], raw: string): ReceivedMail {
	const { headers, body } = splitHeaders(raw);
	const parts = leafParts(headers, body);
	return {
		from,
		to,
		subject: decodeWords(headers.subject ?? ''),
		headers,
		raw,
		parts,
		body: parts
			.filter((part) => !part.filename && /^text\//.test(part.contentType))
			.map((part) => part.text())
			.join('\n'),
		attachment: (pattern) => parts.find((part) => part.filename !== undefined && pattern.test(part.filename)),
	};
}
