/**
 * objectGUID as text. AD shows GUIDs with the first three groups little-endian
 * (`{a1a2a3a4-b1b2-c1c2-...}` is stored as a4 a3 a2 a1 b2 b1 c2 c1 ...), as Windows tools do.
 */
const BYTE_ORDER = [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15];

export function guidToString(bytes: Uint8Array): string {
	if (bytes.length !== 16) throw new Error(`An objectGUID has 16 bytes, got ${bytes.length}.`);
	const hex = BYTE_ORDER.map((i) => bytes[i].toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const GUID = /^\{?([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})\}?$/i;

export function isGuid(text: string): boolean {
	return GUID.test(text);
}

export function guidToBytes(guid: string): Buffer {
	const match = GUID.exec(guid.trim());
	if (!match) throw new Error(`"${guid}" is not a GUID (expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).`);
	const hex = match.slice(1).join('');
	const shown = Buffer.from(hex, 'hex');
	const stored = Buffer.alloc(16);
	BYTE_ORDER.forEach((from, to) => {
		stored[from] = shown[to];
	});
	return stored;
}
