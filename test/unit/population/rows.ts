import type { ContractRow } from '../../../bench/population';

/** The rows of an export per employee id, in export order. */
export function byPerson(rows: Iterable<ContractRow>): Map<string, ContractRow[]> {
	const persons = new Map<string, ContractRow[]>();
	for (const row of rows) {
		const list = persons.get(row.employeeId);
		if (list) list.push(row);
		else persons.set(row.employeeId, [row]);
	}
	return persons;
}

/** Active on a day: started and not yet past its last working day. */
export const activeOn = (row: ContractRow, day: string): boolean => row.startDate <= day && (!row.endDate || row.endDate >= day);

/** The Dutch BSN 11-proof: 9·d1 + 8·d2 + … + 2·d8 − d9 is a multiple of 11. */
export function passesElevenProof(bsn: string): boolean {
	if (!/^\d{9}$/.test(bsn)) return false;
	const digits = [...bsn].map(Number);
	const sum = digits.slice(0, 8).reduce((total, digit, k) => total + (9 - k) * digit, 0) - digits[8];
	return sum % 11 === 0;
}
