import { compileValue, MappingError, type CompileOptions } from '../../../lib/mapping';

/** Compiles a template and evaluates it once against `context`. */
export function render(template: string, context: object = {}, options?: CompileOptions): unknown {
	return compileValue({ type: 'template', template }, options)(context);
}

/** The MappingError that `action` throws; fails the test when it throws nothing or something else. */
export function mappingErrorOf(action: () => unknown): MappingError {
	try {
		action();
	} catch (error) {
		if (error instanceof MappingError) return error;
		throw error;
	}
	throw new Error('expected a MappingError, but nothing was thrown');
}
