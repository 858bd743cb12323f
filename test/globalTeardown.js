// Removes the run's temporary folder (see globalSetup.js).
const fs = require('node:fs');

module.exports = async () => {
	const folder = process.env.PROVISIONING_TEST_TMPDIR;
	if (folder) fs.rmSync(folder, { recursive: true, force: true });
};
