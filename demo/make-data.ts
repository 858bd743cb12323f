// Writes the demo's sample data into demo/data/ (committed; run again only to change it):
//   node -r ./test/support/register-ts.js demo/make-data.ts
// Two HR sources on two days from the benchmark's population generator (joiners, movers,
// leavers, rehires, persons in both sources), and an export of directory accounts for the
// correlation report: most employees have one, some have none, a few accounts belong to no one.
import * as fs from 'node:fs';
import * as path from 'node:path';

import { generatePopulation } from '../bench/population';

const PERSONS = 250;
const options = { persons: PERSONS, seed: 2026, changeRate: 0.04, secondSourceOverlap: 0.12 };
const dir = path.join(__dirname, 'data');
const write = (file: string, rows: unknown) => fs.writeFileSync(path.join(dir, file), `${JSON.stringify(rows, null, 1)}\n`);

const day1 = generatePopulation({ ...options, day: 1 });
const day2 = generatePopulation({ ...options, day: 2 });
write('hr-day1.json', [...day1.primary.rows]);
write('hr-day2.json', [...day2.primary.rows]);
write('payroll.json', [...day1.secondary.rows]);
write('departments.json', day1.departments);

// A directory export as an admin would take it before go-live: sAMAccountName and employeeID.
const employees = [...new Map([...day1.primary.rows].map((row) => [String(row.employeeId), row])).values()];
const taken = new Set<string>();
const unique = (base: string) => {
	let name = base;
	for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
	taken.add(name);
	return name;
};
const accounts = employees
	.filter((_, i) => i % 7 !== 3) // one in seven has no account yet
	.map((row) => ({
		sAMAccountName: unique(`${String(row.givenName).slice(0, 1)}${String(row.familyName)}`.toLowerCase().replace(/[^a-z]/g, '').slice(0, 18)),
		employeeID: String(row.employeeId),
		enabled: true,
	}));
accounts.push({ sAMAccountName: `${accounts[0].sAMAccountName}.adm`, employeeID: accounts[0].employeeID, enabled: true }); // an admin account with the same employee number
accounts.push({ sAMAccountName: 'svc-backup', employeeID: '', enabled: true }, { sAMAccountName: 'old.employee', employeeID: '99000001', enabled: false });
write('directory-export.json', accounts);
const { joiners, movers, leavers, rehires, attributeChanges, overlapPairs } = day2.stats;
process.stdout.write(`${JSON.stringify({ joiners: joiners.length, movers: movers.length, leavers: leavers.length, rehires: rehires.length, attributeChanges: attributeChanges.length, inBothSources: overlapPairs.length, accounts: accounts.length })}\n`);
