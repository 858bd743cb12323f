// One temporary folder per test run (removed by globalTeardown.js): tests, the n8n engine's
// user folders, vault files and the processes tests start all use os.tmpdir(), which follows
// TMPDIR. Set before jest starts its workers, so every worker inherits it.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

module.exports = async () => {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'provisioning-tests-'));
	process.env.PROVISIONING_TEST_TMPDIR = folder;
	process.env.TMPDIR = folder;
};
