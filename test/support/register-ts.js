// Lets child processes spawned by tests run the TypeScript sources directly:
//   node -r ./test/support/register-ts.js some-script.ts
// Transpile only (type checking is tsc's job), the same way ts-jest runs them in tests.
const ts = require('typescript');
const fs = require('node:fs');

require.extensions['.ts'] = (module, filename) => {
	const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
		fileName: filename,
		compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
	});
	module._compile(outputText, filename);
};
