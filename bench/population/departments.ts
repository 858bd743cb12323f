import { BOARD, type Division, DIVISIONS, LOCATIONS, TEAMS, UNITS } from './names';
import { employeeId } from './ids';
import { rngFor, STREAM } from './random';
import type { DepartmentRow } from './types';

export interface DepartmentTree {
	rows: DepartmentRow[];
	/** Parent department index, -1 for the root. */
	parent: Int32Array;
	/** 1 for the root. */
	level: Uint8Array;
	/** Person index of each department's manager. */
	manager: Int32Array;
	costCentre: string[];
	location: string[];
	employer: string[];
	/** Job titles of the department's division. */
	titles: string[][];
	levels: number;
}

const MAX_LEVELS = 5;
/** Share of deeper departments run by the manager of their parent instead of one of their own. */
const MANAGED_BY_PARENT = 0.1;

/** How many departments each level gets: a few divisions, then units, teams and groups. */
function levelSizes(count: number): number[] {
	const sizes = [1];
	let left = count - 1;
	if (left <= 0) return sizes;
	const divisions = Math.min(left, DIVISIONS.length, Math.max(2, Math.round(count ** 0.25)));
	sizes.push(divisions);
	left -= divisions;
	const branching = Math.max(2, ((count - 1) / divisions) ** (1 / 3));
	while (left > 0) {
		const size = sizes.length === MAX_LEVELS - 1 ? left : Math.min(left, Math.round(sizes[sizes.length - 1] * branching));
		sizes.push(size);
		left -= size;
	}
	return sizes;
}

/** "Noord" for a unit (level 3), "Support" for a team (4), "B" for a group (5); numbered when the list runs out. */
function subName(level: number, ordinal: number): string {
	const names = level === 3 ? UNITS : level === 4 ? TEAMS : LETTERS;
	const round = Math.floor(ordinal / names.length);
	return round > 0 ? `${names[ordinal % names.length]} ${round + 1}` : names[ordinal % names.length];
}

const LETTERS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];

/**
 * The department tree, in breadth-first order (a parent always before its children, so the
 * tree cannot have a cycle). `slotHolder(d)` is the person index that works in department d
 * and manages it, unless the department is run by its parent's manager.
 */
export function buildDepartments(seed: number, count: number, slotHolder: (department: number) => number): DepartmentTree {
	const rng = rngFor(seed, STREAM.departments, 0);
	const sizes = levelSizes(count);
	const tree: DepartmentTree = {
		rows: [],
		parent: new Int32Array(count),
		level: new Uint8Array(count),
		manager: new Int32Array(count),
		costCentre: [],
		location: [],
		employer: [],
		titles: [],
		levels: sizes.length,
	};
	const divisions: Division[] = [];
	const managedByParent = new Uint8Array(count);
	const children = new Int32Array(count);
	let start = 0;
	for (let l = 0; l < sizes.length; l++) {
		const previousStart = start - (l > 0 ? sizes[l - 1] : 0);
		for (let d = start; d < start + sizes[l]; d++) {
			const parent = l === 0 ? -1 : previousStart + rng.int(sizes[l - 1]);
			const ordinal = parent >= 0 ? children[parent]++ : 0;
			tree.parent[d] = parent;
			tree.level[d] = l + 1;
			// At most one department per division on level 2 (see levelSizes).
			const division = l === 0 ? BOARD : l === 1 ? DIVISIONS[ordinal] : divisions[parent];
			const name = l <= 1 ? division.name : `${tree.rows[parent].name} ${subName(l + 1, ordinal)}`;
			managedByParent[d] = l >= 2 && !managedByParent[parent] && rng.chance(MANAGED_BY_PARENT) ? 1 : 0;
			tree.manager[d] = managedByParent[d] ? tree.manager[parent] : slotHolder(d);
			divisions.push(division);
			tree.titles.push(division.titles);
			tree.employer.push(division.employer);
			tree.location.push(l <= 1 || rng.chance(0.3) ? rng.pick(LOCATIONS) : tree.location[parent]);
			tree.costCentre.push(`CC${String(d + 1).padStart(5, '0')}`);
			tree.rows.push({
				code: l === 0 ? BOARD.code : `${division.code}${String(d).padStart(5, '0')}`,
				name,
				...(parent >= 0 ? { parentCode: tree.rows[parent].code } : {}),
				managerId: employeeId(tree.manager[d]),
			});
		}
		start += sizes[l];
	}
	return tree;
}

/** The manager above a department for its own manager: the nearest ancestor's manager who is someone else. */
export function managerAbove(tree: DepartmentTree, department: number, person: number): number | undefined {
	let d = tree.parent[department];
	while (d >= 0 && tree.manager[d] === person) d = tree.parent[d];
	return d >= 0 ? tree.manager[d] : undefined;
}
