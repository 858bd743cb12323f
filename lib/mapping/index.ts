export type {
	CompiledValue,
	CompileOptions,
	FieldMapping,
	FixedMapping,
	Mapping,
	MappingErrorDetails,
	MappingValue,
	TemplateMapping,
} from './types';
export { MappingError } from './types';
export { compileFields, compileMapping, compileValue, validateMapping } from './compile';
export { exportMapping, importMapping } from './document';
export { getPath, type PathSegment } from './path';
export { MAPPING_FUNCTIONS, normalizeDiacritics, type MappingFunction } from './functions';
export { uniqueCandidates, type UniqueOptions } from './unique';
export { isEmpty, toText } from './text';
