import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// n8n's engine writes its settings (and our default vault) into the n8n user folder: keep tests out of $HOME.
process.env.N8N_USER_FOLDER ??= fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-user-'));
