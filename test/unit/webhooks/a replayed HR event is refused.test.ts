import { forgetExpiredHrEvents, signHrEvent, verifyHrEvent, type HrEventRequest } from '../../../lib/webhooks';
import { forEachBackend, withVault } from '../../support/backends';

const SECRET = 'hr-shared-secret-0123456789abcdef';
const BODY = JSON.stringify({ employeeId: '10234', givenName: 'Jan', familyName: 'Vries' });

function signed(timestamp = Math.floor(Date.now() / 1000), body = BODY): HrEventRequest {
	return { headers: { 'x-signature': signHrEvent(SECRET, timestamp, body), 'x-timestamp': String(timestamp) }, rawBody: Buffer.from(body) };
}

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();
const anHourAgo = () => new Date(Date.now() - 3_600_000).toISOString();

forEachBackend((open) => {
	describe('replayed HR events', () => {
		test('the same signed request a second time is refused; a retry signed with a new timestamp is accepted', async () => {
			await withVault(open, async (vault) => {
				const now = Math.floor(Date.now() / 1000);
				const request = signed(now);
				expect(await verifyHrEvent(vault, { secret: SECRET }, request)).toMatchObject({ ok: true });
				expect(await verifyHrEvent(vault, { secret: SECRET }, request)).toEqual({
					ok: false,
					status: 401,
					reason: 'This request was already received (same X-Signature within 300 seconds): replays are refused; sign a retry with a new timestamp',
				});
				expect(await verifyHrEvent(vault, { secret: SECRET }, signed(now - 1))).toMatchObject({ ok: true });
			});
		});

		test('of the same request sent twice at once, exactly one gets through', async () => {
			await withVault(open, async (vault) => {
				const request = signed();
				const verdicts = await Promise.all([1, 2, 3].map(() => verifyHrEvent(vault, { secret: SECRET }, request)));
				expect(verdicts.filter((verdict) => verdict.ok)).toHaveLength(1);
			});
		});

		test('writing the signature’s hex digits in upper case does not get a replay through', async () => {
			await withVault(open, async (vault) => {
				const request = signed();
				expect((await verifyHrEvent(vault, { secret: SECRET }, request)).ok).toBe(true);
				const upper = 'sha256=' + String(request.headers['x-signature']).slice(7).toUpperCase();
				expect(await verifyHrEvent(vault, { secret: SECRET }, { ...request, headers: { ...request.headers, 'x-signature': upper } })).toMatchObject({
					ok: false,
					reason: expect.stringMatching(/^This request was already received/),
				});
			});
		});

		test('a signature is remembered for twice the tolerance', async () => {
			await withVault(open, async (vault) => {
				const before = Date.now();
				const request = signed();
				await verifyHrEvent(vault, { secret: SECRET, toleranceSeconds: 60 }, request);
				const lock = await vault.db.selectFrom('locks').selectAll().where('name', '=', `hr-event:${String(request.headers['x-signature'])}`).executeTakeFirstOrThrow();
				const remembered = Date.parse(lock.expires_at) - before;
				expect(remembered).toBeGreaterThanOrEqual(120_000);
				expect(remembered).toBeLessThan(125_000);
			});
		});

		test('a refused request is not remembered: the genuine one still gets through after a forgery with its timestamp', async () => {
			await withVault(open, async (vault) => {
				const now = Math.floor(Date.now() / 1000);
				const forged = { ...signed(now), headers: { 'x-signature': signHrEvent('a-guessed-secret-000000', now, BODY), 'x-timestamp': String(now) } };
				expect((await verifyHrEvent(vault, { secret: SECRET }, forged)).ok).toBe(false);
				expect(await vault.db.selectFrom('locks').selectAll().execute()).toEqual([]);
				expect((await verifyHrEvent(vault, { secret: SECRET }, signed(now))).ok).toBe(true);
			});
		});

		test('expired remembered signatures are deleted as new events come in; other locks are left alone', async () => {
			await withVault(open, async (vault) => {
				const lock = (name: string, expires: string) => ({ name, owner: 'test', acquired_at: anHourAgo(), expires_at: expires });
				await vault.db
					.insertInto('locks')
					.values([lock('hr-event:sha256=old', anHourAgo()), lock('hr-event:sha256=live', inAnHour()), lock('enforce:activeDirectory', anHourAgo())])
					.execute();
				const request = signed();
				expect((await verifyHrEvent(vault, { secret: SECRET }, request)).ok).toBe(true);
				const names = (await vault.db.selectFrom('locks').select('name').execute()).map((row) => row.name).sort();
				expect(names).toEqual(['enforce:activeDirectory', 'hr-event:sha256=live', `hr-event:${String(request.headers['x-signature'])}`].sort());
				expect(await forgetExpiredHrEvents(vault)).toBe(0);
			});
		});
	});
});
