import { isPathStart, readQuoted, scanPath, SyntaxProblem, type PathSegment } from './path';

/** An expression inside `{{ }}`. Positions are 1-based offsets into the template. */
export type TemplateNode =
	| { kind: 'literal'; value: string | number; position: number }
	| { kind: 'path'; segments: PathSegment[]; text: string; position: number }
	/** `f(a, b)`, or `input | f(a, b)` when `input` is set. */
	| { kind: 'call'; name: string; args: TemplateNode[]; input?: TemplateNode; position: number };

/** Literal text and `{{ }}` expressions, in order. */
export type TemplatePart = string | TemplateNode;

const NUMBER = /-?\d+(?:\.\d+)?/y;

/**
 * Parses a template into parts; syntax only (functions and paths are checked by the compiler).
 * Throws SyntaxProblem with the 1-based position of the problem.
 */
export function parseTemplate(template: string): TemplatePart[] {
	return new Parser(template).parse();
}

class Parser {
	private i = 0;
	private blockStart = 0;

	constructor(private readonly text: string) {}

	parse(): TemplatePart[] {
		const parts: TemplatePart[] = [];
		let textStart = 0;
		for (;;) {
			const open = this.text.indexOf('{{', textStart);
			const close = this.text.indexOf('}}', textStart);
			if (close !== -1 && (open === -1 || close < open)) {
				throw new SyntaxProblem('"}}" without an opening "{{"', close + 1);
			}
			if (open === -1) {
				if (textStart < this.text.length) parts.push(this.text.slice(textStart));
				return parts;
			}
			if (open > textStart) parts.push(this.text.slice(textStart, open));
			this.blockStart = open;
			this.i = open + 2;
			this.skipSpaces();
			if (this.text.startsWith('}}', this.i)) throw new SyntaxProblem('empty "{{ }}"', open + 1);
			parts.push(this.expression());
			this.skipSpaces();
			if (!this.text.startsWith('}}', this.i)) throw this.unexpected('"|" or "}}"');
			textStart = this.i + 2;
		}
	}

	private expression(): TemplateNode {
		let node = this.primary();
		for (;;) {
			this.skipSpaces();
			if (this.text[this.i] !== '|') return node;
			this.i++;
			this.skipSpaces();
			const position = this.i + 1;
			const name = this.functionName();
			this.skipSpaces();
			const args = this.text[this.i] === '(' ? this.argumentList(name) : [];
			node = { kind: 'call', name, args, input: node, position };
		}
	}

	private primary(): TemplateNode {
		this.skipSpaces();
		const position = this.i + 1;
		const c = this.text[this.i];
		if (c === "'" || c === '"') {
			const { value, end } = readQuoted(this.text, this.i);
			this.i = end;
			return { kind: 'literal', value, position };
		}
		NUMBER.lastIndex = this.i;
		const number = NUMBER.exec(this.text);
		if (number) {
			this.i = NUMBER.lastIndex;
			return { kind: 'literal', value: Number(number[0]), position };
		}
		if (isPathStart(this.text, this.i)) {
			const { segments, end } = scanPath(this.text, this.i);
			const text = this.text.slice(this.i, end);
			this.i = end;
			this.skipSpaces();
			if (this.text[this.i] === '(' && segments.length === 1) {
				return { kind: 'call', name: text, args: this.argumentList(text), position };
			}
			return { kind: 'path', segments, text, position };
		}
		throw this.unexpected('a path, a quoted text, a number or a function call');
	}

	private functionName(): string {
		const start = this.i;
		if (!isPathStart(this.text, start)) throw this.unexpected('a function name after "|"');
		const { segments, end } = scanPath(this.text, start);
		if (segments.length !== 1) throw new SyntaxProblem('expected a function name after "|"', start + 1);
		this.i = end;
		return this.text.slice(start, end);
	}

	/** Reads `( expression, expression, ... )` with the cursor on "(". */
	private argumentList(functionName: string): TemplateNode[] {
		this.i++;
		this.skipSpaces();
		const args: TemplateNode[] = [];
		if (this.text[this.i] === ')') {
			this.i++;
			return args;
		}
		for (;;) {
			args.push(this.expression());
			this.skipSpaces();
			const c = this.text[this.i];
			this.i++;
			if (c === ')') return args;
			if (c !== ',') {
				this.i--;
				throw this.unexpected(`"," or ")" in the arguments of "${functionName}"`);
			}
		}
	}

	private unexpected(expected: string): SyntaxProblem {
		if (this.i >= this.text.length) return this.unclosedBlock(expected);
		const found = this.text.startsWith('}}', this.i) ? '"}}"' : `"${this.text[this.i]}"`;
		return new SyntaxProblem(`expected ${expected} but found ${found}`, this.i + 1);
	}

	private unclosedBlock(expected: string): SyntaxProblem {
		return new SyntaxProblem(
			`expected ${expected} but the template ends: the "{{" at position ${this.blockStart + 1} is not closed with "}}"`,
			this.blockStart + 1,
		);
	}

	private skipSpaces(): void {
		while (this.i < this.text.length && /\s/.test(this.text[this.i])) this.i++;
	}
}
