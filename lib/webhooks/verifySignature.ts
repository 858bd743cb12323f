import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

import type { Vault } from '../vault/types';

/** How an HR system signs the events it posts; the shared secret never leaves this module. */
export interface HrEventSettings {
	secret: string;
	/** Header carrying `sha256=<hex>`; default X-Signature. Matched case-insensitively. */
	signatureHeader?: string;
	/** Header carrying the Unix time in seconds the request was signed at; default X-Timestamp. */
	timestampHeader?: string;
	/** How far the timestamp may be from now, either way; default 300 seconds. */
	toleranceSeconds?: number;
}

export interface HrEventRequest {
	/** Request headers; n8n's Webhook node gives them with lower-cased names. */
	headers: Record<string, unknown>;
	/** The body exactly as received: the signature covers these bytes, not a re-serialised JSON. */
	rawBody: Buffer | string;
}

export interface HrEventAccepted {
	ok: true;
	/** The parsed body: one JSON object. */
	body: Record<string, unknown>;
	/** Unix seconds, from the timestamp header. */
	timestamp: number;
	/** The signature header's value, normalised to lower case. */
	signature: string;
}

export interface HrEventRejected {
	ok: false;
	/** Why, naming the header; never the secret or the expected signature. */
	reason: string;
	/** 401 for a request that is not authentic, fresh and new; 400 for a signed body that is no JSON object. */
	status: 400 | 401;
}

export type HrEventVerdict = HrEventAccepted | HrEventRejected;

export const HR_EVENT_DEFAULTS = { signatureHeader: 'X-Signature', timestampHeader: 'X-Timestamp', toleranceSeconds: 300 } as const;

/** Lock names of seen signatures start with this; expired ones are deleted as requests come in. */
export const HR_EVENT_LOCK_PREFIX = 'hr-event:';

const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

/** `sha256=` + hex HMAC-SHA256 of `<timestamp>.<raw body>` with the shared secret: what the HR system sends. */
export function signHrEvent(secret: string, timestamp: number | string, rawBody: Buffer | string): string {
	const hmac = createHmac('sha256', secret);
	hmac.update(`${timestamp}.`);
	hmac.update(rawBody);
	return `sha256=${hmac.digest('hex')}`;
}

function header(headers: Record<string, unknown>, name: string): string | undefined {
	const wanted = name.toLowerCase();
	const key = Object.keys(headers ?? {}).find((k) => k.toLowerCase() === wanted);
	const value = key === undefined ? undefined : headers[key];
	const first = Array.isArray(value) ? value[0] : value;
	return typeof first === 'string' && first.trim() ? first.trim() : undefined;
}

/** A header name as HTTP allows it (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** What is wrong with the settings, for the credential's Test button; empty when they work. */
export function hrEventSettingsProblems(settings: HrEventSettings): string[] {
	const problems: string[] = [];
	if (!settings.secret) problems.push('The shared secret is empty: set the one the HR system signs with');
	else if (settings.secret.length < 16) problems.push(`The shared secret has ${settings.secret.length} characters; use at least 16 (e.g. openssl rand -hex 32)`);
	for (const [label, value] of [
		['Signature header', settings.signatureHeader],
		['Timestamp header', settings.timestampHeader],
	] as const) {
		if (value !== undefined && value.trim() && !HEADER_NAME.test(value.trim())) problems.push(`${label} "${value}" is not a valid HTTP header name`);
	}
	const tolerance = settings.toleranceSeconds;
	if (tolerance !== undefined && (!Number.isFinite(tolerance) || tolerance <= 0)) problems.push(`The tolerance must be a positive number of seconds, not ${tolerance}`);
	return problems;
}

function settingsOf(settings: HrEventSettings) {
	// Only what cannot work at all stops a request; a short secret is the Test button's concern.
	if (!settings.secret) throw new Error('The HR event credential has no shared secret: set one in the credential and in the HR system');
	const tolerance = settings.toleranceSeconds ?? HR_EVENT_DEFAULTS.toleranceSeconds;
	if (!Number.isFinite(tolerance) || tolerance <= 0) throw new Error(`The HR event credential's tolerance must be a positive number of seconds, not ${tolerance}`);
	return {
		secret: settings.secret,
		signatureHeader: settings.signatureHeader?.trim() || HR_EVENT_DEFAULTS.signatureHeader,
		timestampHeader: settings.timestampHeader?.trim() || HR_EVENT_DEFAULTS.timestampHeader,
		toleranceSeconds: tolerance,
	};
}

const rejected = (reason: string, status: 400 | 401 = 401): HrEventRejected => ({ ok: false, reason, status });

/**
 * Checks signature and timestamp, without the replay check (see verifyHrEvent). Throws only for
 * settings that cannot work (no secret); everything about the request is a verdict.
 */
export function checkHrEvent(settings: HrEventSettings, request: HrEventRequest, now: number = Date.now()): HrEventVerdict {
	const s = settingsOf(settings);
	const signatureText = header(request.headers, s.signatureHeader);
	if (signatureText === undefined) return rejected(`Missing header ${s.signatureHeader}: sign the request (see docs/hr-event-webhook.md)`);
	const timestampText = header(request.headers, s.timestampHeader);
	if (timestampText === undefined) return rejected(`Missing header ${s.timestampHeader}: send the Unix time in seconds the request was signed at`);
	if (!/^\d{1,12}$/.test(timestampText)) return rejected(`Header ${s.timestampHeader} is not a Unix time in seconds`);
	const match = SIGNATURE.exec(signatureText);
	if (!match) return rejected(`Header ${s.signatureHeader} is not in the form sha256=<64 hex digits>`);

	const expected = Buffer.from(signHrEvent(s.secret, timestampText, request.rawBody).slice('sha256='.length), 'hex');
	const given = Buffer.from(match[1], 'hex');
	// Constant time: how many leading bytes match must not show in the response time.
	if (!timingSafeEqual(expected, given)) {
		return rejected(`Header ${s.signatureHeader} does not match the body and ${s.timestampHeader}: wrong secret, or the body was changed after signing`);
	}

	const age = Math.floor(now / 1000) - Number(timestampText);
	if (age > s.toleranceSeconds) return rejected(`Header ${s.timestampHeader} is ${age} seconds old; requests older than ${s.toleranceSeconds} seconds are refused`);
	if (-age > s.toleranceSeconds) return rejected(`Header ${s.timestampHeader} is ${-age} seconds in the future; more than ${s.toleranceSeconds} seconds ahead is refused (check the HR system's clock)`);

	const text = Buffer.isBuffer(request.rawBody) ? request.rawBody.toString('utf8') : request.rawBody;
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch (error) {
		return rejected(`The body is not JSON: ${(error as Error).message}`, 400);
	}
	if (body === null || typeof body !== 'object' || Array.isArray(body)) return rejected('The body must be one JSON object: one person', 400);
	return { ok: true, body: body as Record<string, unknown>, timestamp: Number(timestampText), signature: match[0].toLowerCase() };
}

/**
 * Verifies an HR event: signature, timestamp within the tolerance, and not seen before. A
 * signature is remembered in the vault's locks for twice the tolerance (the longest a signed
 * timestamp stays acceptable), so a replay is refused by every n8n instance sharing the vault.
 */
export async function verifyHrEvent(vault: Vault, settings: HrEventSettings, request: HrEventRequest, now: number = Date.now()): Promise<HrEventVerdict> {
	const verdict = checkHrEvent(settings, request, now);
	if (!verdict.ok) return verdict;
	const { toleranceSeconds, signatureHeader } = settingsOf(settings);
	await forgetExpiredHrEvents(vault);
	// A unique owner: acquireLock lets the same owner extend its lock, and a replay must never be "the same owner".
	const first = await vault.acquireLock(HR_EVENT_LOCK_PREFIX + verdict.signature, `hr-event ${randomUUID()}`, toleranceSeconds * 2000);
	if (!first) return rejected(`This request was already received (same ${signatureHeader} within ${toleranceSeconds} seconds): replays are refused; sign a retry with a new timestamp`);
	return verdict;
}

/**
 * Deletes seen signatures whose window has passed. Done on every accepted request: the locks
 * table only ever holds the last 2 × tolerance of events plus a few run locks, so this stays cheap.
 */
export async function forgetExpiredHrEvents(vault: Vault): Promise<number> {
	const result = await vault.db
		.deleteFrom('locks')
		.where('name', 'like', `${HR_EVENT_LOCK_PREFIX}%`)
		.where('expires_at', '<=', new Date().toISOString())
		.executeTakeFirst();
	return Number(result.numDeletedRows ?? 0);
}
