/**
 * Browser check against a real n8n (see docs/real-n8n.md): an admin opening a template sees
 * this package's nodes as real nodes with their icons, and finds them in the node panel.
 * Needs the environment `scripts/n8n-real.sh start` prints (N8N_URL, N8N_OWNER_EMAIL,
 * N8N_OWNER_PASSWORD_FILE) and the templates imported with `scripts/n8n-real.sh import`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

const repo = path.join(__dirname, '..', '..');
const packageJson = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as {
	name: string;
	n8n: { nodes: string[] };
};

function requiredEnv(name: string): string {
	const value = process.env[name];
	if (!value) throw new Error(`${name} is not set: source the env.sh that scripts/n8n-real.sh start wrote`);
	return value;
}

const n8nUrl = requiredEnv('N8N_URL');
const ownerEmail = requiredEnv('N8N_OWNER_EMAIL');
const ownerPassword = fs.readFileSync(requiredEnv('N8N_OWNER_PASSWORD_FILE'), 'utf8').trim();
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const canvasScreenshot = process.env.CANVAS_SCREENSHOT ?? path.join(repo, 'docs', 'canvas.png');
// Where a failing check leaves a screenshot of what the browser showed.
const artifactsDir = process.env.CHECK_ARTIFACTS_DIR ?? path.dirname(requiredEnv('N8N_OWNER_PASSWORD_FILE'));

interface TemplateNode {
	name: string;
	type: string;
}

// The JML pipeline is the template admins meet first; until it exists, the vault status one.
// CHECK_WORKFLOW names another imported workflow file to look at.
const templateFile =
	process.env.CHECK_WORKFLOW ??
	(['jml-pipeline.json', 'vault-status.json']
		.map((file) => path.join(repo, 'workflows', file))
		.find((file) => fs.existsSync(file)) as string);
const template = JSON.parse(fs.readFileSync(templateFile, 'utf8')) as { name: string; nodes: TemplateNode[] };
const canvasNodes = template.nodes.filter((node) => node.type !== 'n8n-nodes-base.stickyNote');

/** The display names of the nodes this package ships, read from the build n8n loaded. */
function packageNodeDisplayNames(): string[] {
	return packageJson.n8n.nodes.map((file) => {
		const exported = require(path.join(repo, file)) as Record<string, new () => { description: { displayName: string } }>;
		const NodeClass = Object.values(exported)[0];
		return new NodeClass().description.displayName;
	});
}

const byTestId = (id: string) => `[data-test-id="${id}"]`;

/** Polls until check() returns a value other than undefined; fails with what it last saw. */
async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/** Runs a step of the check; when it fails, keeps a screenshot of what the browser showed. */
async function step(name: string, run: () => Promise<void>): Promise<void> {
	try {
		await run();
	} catch (error) {
		const file = path.join(artifactsDir, `check-failed-${name}.png`);
		await page.screenshot({ path: file }).catch(() => undefined);
		throw Object.assign(error as Error, { message: `${(error as Error).message}\n(screenshot: ${file})` });
	}
}

let browser: Browser;
let page: Page;

beforeAll(async () => {
	browser = await chromium.launch({ executablePath: chromiumPath, headless: true });
	page = await browser.newPage({ viewport: { width: 1600, height: 900 }, baseURL: n8nUrl });
});

afterAll(async () => {
	await browser?.close();
});

/** Opens an imported workflow the way an admin does: from the workflow list, by its name. */
async function openWorkflow(name: string): Promise<void> {
	await page.goto('/home/workflows');
	const card = page.locator(byTestId('resources-list-item-workflow')).filter({
		has: page.locator(byTestId('workflow-card-name')).getByText(name, { exact: true }),
	});
	await card.first().waitFor();
	const count = await card.count();
	if (count !== 1) throw new Error(`expected one workflow named "${name}" in the list, found ${count}`);
	await card.click();
	await page.waitForURL(/\/workflow\//);
}

/** What the canvas shows as a node's icon: a loaded image, an icon glyph, or the unknown-node placeholder. */
async function iconOf(node: Locator) {
	const icons = node.locator('.n8n-node-icon');
	if ((await icons.count()) === 0) return { placeholder: null, imageSrc: null, imageComplete: false, imageLoaded: false, glyph: false };
	return icons.first().evaluate((icon) => {
		const img = icon.querySelector('img');
		return {
			placeholder: icon.querySelector('[class*="nodeIconPlaceholder"]')?.textContent?.trim() ?? null,
			imageSrc: img?.getAttribute('src') ?? null,
			imageComplete: img ? img.complete : false,
			imageLoaded: img ? img.complete && img.naturalWidth > 0 : false,
			glyph: icon.querySelector('svg') !== null,
		};
	});
}

describe(`the n8n editor with ${packageJson.name} installed`, () => {
	test('the owner signs in', () =>
		step('sign-in', async () => {
			await page.goto('/signin');
			await page.locator(`${byTestId('emailOrLdapLoginId')} input`).fill(ownerEmail);
			await page.locator(`${byTestId('password')} input`).fill(ownerPassword);
			await page.locator(byTestId('form-submit-button')).click();
			await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
		}));

	test(`the "${template.name}" template shows every node as a known node with its icon`, () =>
		step('canvas', async () => {
			await openWorkflow(template.name);
			const nodes = page.locator(byTestId('canvas-node'));
			await waitFor(`${canvasNodes.length} nodes on the canvas`, async () =>
				(await nodes.count()) === canvasNodes.length ? true : undefined,
			);

			const seen = [];
			for (const expected of canvasNodes) {
				const node = page.locator(`${byTestId('canvas-node')}[data-node-name=${JSON.stringify(expected.name)}]`);
				// Icons arrive after the canvas draws: wait until this one settled (loaded, a glyph, or the placeholder).
				const icon = await waitFor(`the icon of "${expected.name}"`, async () => {
					const now = await iconOf(node);
					const settled = now.placeholder !== null || now.glyph || (now.imageSrc !== null && now.imageComplete);
					return settled ? now : undefined;
				});
				seen.push({
					node: expected.name,
					type: await node.getAttribute('data-node-type'),
					placeholder: icon.placeholder,
					icon: expected.type.startsWith(`${packageJson.name}.`)
						? // This package's icons are SVG files n8n serves from the installed package.
							icon.imageLoaded && (icon.imageSrc ?? '').includes(`/icons/${packageJson.name}/`)
						: icon.imageLoaded || icon.glyph,
				});
			}
			expect(seen).toEqual(
				canvasNodes.map((node) => ({ node: node.name, type: node.type, placeholder: null, icon: true })),
			);

			fs.mkdirSync(path.dirname(canvasScreenshot), { recursive: true });
			await page.screenshot({ path: canvasScreenshot });
		}));

	test('searching the node panel for "provisioning" lists every node of the package', () =>
		step('node-panel', async () => {
			await page.locator(byTestId('node-creator-plus-button')).click();
			const names = page.locator(`${byTestId('node-creator')} ${byTestId('node-creator-item-name')}`);
			const read = async () => (await names.allTextContents()).map((text) => text.trim());
			await names.first().waitFor();
			const unfiltered = JSON.stringify(await read());
			await page.locator(byTestId('node-creator-search-bar')).fill('provisioning');
			// The list filters as one types: read it once it changed and then held still for a second.
			const reads: string[] = [];
			const listed = await waitFor('the search results to settle', async () => {
				const now = await read();
				reads.push(JSON.stringify(now));
				const lastSecond = reads.slice(-5);
				const settled = lastSecond.length === 5 && new Set(lastSecond).size === 1 && lastSecond[0] !== unfiltered;
				return settled ? now : undefined;
			});
			expect({ missing: packageNodeDisplayNames().filter((name) => !listed.includes(name)), listed }).toEqual({
				missing: [],
				listed,
			});
		}));
});
