import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { checkHrEvent, hrEventSettingsProblems, signHrEvent, type HrEventRequest, type HrEventSettings } from '../../../lib/webhooks';

const SECRET = 'hr-shared-secret-0123456789abcdef';
const settings: HrEventSettings = { secret: SECRET };
const NOW = Date.UTC(2026, 0, 15, 9, 0, 0);
const nowSeconds = NOW / 1000;
const BODY = JSON.stringify({ employeeId: '10234', givenName: 'Jan', familyName: 'Vries', contracts: [{ contractId: 'C1', startDate: '2026-02-01' }] });

/** A request as the HR system sends it, signed with the given secret at the given time. */
function signed(options: { body?: string; timestamp?: number; secret?: string; headers?: Record<string, unknown> } = {}): HrEventRequest {
	const body = options.body ?? BODY;
	const timestamp = options.timestamp ?? nowSeconds;
	return {
		headers: { 'x-signature': signHrEvent(options.secret ?? SECRET, timestamp, body), 'x-timestamp': String(timestamp), 'content-type': 'application/json', ...options.headers },
		rawBody: Buffer.from(body, 'utf8'),
	};
}

const reasonOf = (request: HrEventRequest, s: HrEventSettings = settings) => {
	const verdict = checkHrEvent(s, request, NOW);
	if (verdict.ok) throw new Error('expected a rejection');
	return verdict;
};

describe('verifying an HR event’s signature and timestamp', () => {
	const withOpenssl = fs.existsSync('/usr/bin/openssl') ? test : test.skip;
	withOpenssl('the signature is what the openssl command in docs/hr-event-webhook.md computes for a body file', () => {
		const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hr-event-')), 'person.json');
		fs.writeFileSync(file, `${BODY}\n`); // a file ends with a newline, and curl --data-binary sends it
		const script = `{ printf '%s.' "$TS"; cat "$FILE"; } | openssl dgst -sha256 -hmac "$SECRET" | sed 's/^.*= //'`;
		const hex = execFileSync('bash', ['-c', script], { env: { ...process.env, TS: String(nowSeconds), FILE: file, SECRET } }).toString().trim();
		expect(signHrEvent(SECRET, nowSeconds, fs.readFileSync(file))).toBe(`sha256=${hex}`);
		expect(checkHrEvent(settings, { headers: { 'x-signature': `sha256=${hex}`, 'x-timestamp': String(nowSeconds) }, rawBody: fs.readFileSync(file) }, NOW).ok).toBe(true);
	});

	test('a correctly signed, fresh request is verified and its JSON body returned', () => {
		const request = signed();
		const verdict = checkHrEvent(settings, request, NOW);
		expect(verdict).toEqual({ ok: true, body: JSON.parse(BODY), timestamp: nowSeconds, signature: request.headers['x-signature'] });
	});

	test('header names are matched whatever their case, and the signature’s hex digits too', () => {
		const request = signed();
		const signature = String(request.headers['x-signature']);
		const verdict = checkHrEvent(settings, { ...request, headers: { 'X-SIGNATURE': signature.toUpperCase().replace('SHA256=', 'sha256='), 'X-Timestamp': String(nowSeconds) } }, NOW);
		expect(verdict).toMatchObject({ ok: true, signature });
	});

	test('a request signed with another secret is refused', () => {
		expect(reasonOf(signed({ secret: 'some-other-secret-0123456789' }))).toEqual({
			ok: false,
			status: 401,
			reason: 'Header X-Signature does not match the body and X-Timestamp: wrong secret, or the body was changed after signing',
		});
	});

	test('a body changed after signing is refused, even by one character', () => {
		const request = signed();
		const tampered = { ...request, rawBody: Buffer.from(BODY.replace('Jan', 'Jon'), 'utf8') };
		expect(reasonOf(tampered).reason).toMatch(/^Header X-Signature does not match the body/);
	});

	test('a timestamp changed after signing is refused: it is part of what is signed', () => {
		const request = signed();
		expect(reasonOf({ ...request, headers: { ...request.headers, 'x-timestamp': String(nowSeconds - 1) } }).reason).toMatch(/^Header X-Signature does not match/);
	});

	test('a missing signature or timestamp header is refused, naming the header', () => {
		const without = (name: string) => Object.fromEntries(Object.entries(signed().headers).filter(([key]) => key !== name));
		const withoutSignature = without('x-signature');
		const withoutTimestamp = without('x-timestamp');
		expect(reasonOf({ headers: withoutSignature, rawBody: BODY }).reason).toMatch(/^Missing header X-Signature/);
		expect(reasonOf({ headers: withoutTimestamp, rawBody: BODY }).reason).toMatch(/^Missing header X-Timestamp/);
		expect(reasonOf({ headers: {}, rawBody: BODY }).status).toBe(401);
	});

	test('the credential’s own header names are used and named in the messages', () => {
		const custom: HrEventSettings = { secret: SECRET, signatureHeader: 'X-HR-Signature', timestampHeader: 'X-HR-Time' };
		const request = signed();
		const headers = { 'x-hr-signature': request.headers['x-signature'], 'x-hr-time': request.headers['x-timestamp'] };
		expect(checkHrEvent(custom, { headers, rawBody: request.rawBody }, NOW).ok).toBe(true);
		expect(reasonOf(request, custom).reason).toMatch(/^Missing header X-HR-Signature/);
	});

	test('a signature or timestamp in the wrong form is refused, naming the header', () => {
		const request = signed();
		expect(reasonOf({ ...request, headers: { ...request.headers, 'x-signature': 'abc123' } }).reason).toBe('Header X-Signature is not in the form sha256=<64 hex digits>');
		expect(reasonOf({ ...request, headers: { ...request.headers, 'x-timestamp': '2026-01-15T09:00:00Z' } }).reason).toBe('Header X-Timestamp is not a Unix time in seconds');
	});

	test('a request signed longer ago than the tolerance is refused as stale', () => {
		expect(checkHrEvent(settings, signed({ timestamp: nowSeconds - 300 }), NOW).ok).toBe(true);
		expect(reasonOf(signed({ timestamp: nowSeconds - 301 }))).toEqual({
			ok: false,
			status: 401,
			reason: 'Header X-Timestamp is 301 seconds old; requests older than 300 seconds are refused',
		});
		expect(reasonOf(signed({ timestamp: nowSeconds - 61 }), { secret: SECRET, toleranceSeconds: 60 }).reason).toBe(
			'Header X-Timestamp is 61 seconds old; requests older than 60 seconds are refused',
		);
	});

	test('a request dated further in the future than the tolerance is refused', () => {
		expect(checkHrEvent(settings, signed({ timestamp: nowSeconds + 300 }), NOW).ok).toBe(true);
		expect(reasonOf(signed({ timestamp: nowSeconds + 3600 })).reason).toBe(
			"Header X-Timestamp is 3600 seconds in the future; more than 300 seconds ahead is refused (check the HR system's clock)",
		);
	});

	test('a signed body that is not one JSON object is refused with 400', () => {
		expect(reasonOf(signed({ body: '{"employeeId": ' }))).toMatchObject({ status: 400, reason: expect.stringMatching(/^The body is not JSON: /) });
		expect(reasonOf(signed({ body: '[{"employeeId":"1"}]' }))).toEqual({ ok: false, status: 400, reason: 'The body must be one JSON object: one person' });
	});

	test('no message gives away the secret or the signature that would have been right', () => {
		const request = signed();
		const attempts: HrEventRequest[] = [
			signed({ secret: 'wrong-secret-wrong-secret' }),
			{ ...request, rawBody: Buffer.from(`${BODY} `) },
			signed({ timestamp: nowSeconds - 10_000 }),
			signed({ timestamp: nowSeconds + 10_000 }),
			{ headers: {}, rawBody: BODY },
			signed({ body: 'not json' }),
		];
		for (const attempt of attempts) {
			const verdict = checkHrEvent(settings, attempt, NOW);
			const text = JSON.stringify(verdict);
			expect(verdict.ok).toBe(false);
			expect(text).not.toContain(SECRET);
			const rightSignature = signHrEvent(SECRET, String(attempt.headers['x-timestamp'] ?? nowSeconds), attempt.rawBody).slice('sha256='.length);
			expect(text).not.toContain(rightSignature);
		}
		expect(() => checkHrEvent({ secret: '' }, request, NOW)).toThrow('The HR event credential has no shared secret');
	});
});

describe('the credential’s Test button', () => {
	test('passes for a long secret and the default headers', () => {
		expect(hrEventSettingsProblems({ secret: SECRET, signatureHeader: 'X-Signature', timestampHeader: 'X-Timestamp', toleranceSeconds: 300 })).toEqual([]);
	});

	test('names each problem: empty or short secret, a header name HTTP does not allow, a tolerance of zero', () => {
		expect(hrEventSettingsProblems({ secret: '' })).toEqual(['The shared secret is empty: set the one the HR system signs with']);
		expect(hrEventSettingsProblems({ secret: 'short', signatureHeader: 'X Signature', toleranceSeconds: 0 })).toEqual([
			'The shared secret has 5 characters; use at least 16 (e.g. openssl rand -hex 32)',
			'Signature header "X Signature" is not a valid HTTP header name',
			'The tolerance must be a positive number of seconds, not 0',
		]);
	});
});
