const { src, dest, parallel } = require('gulp');

// tsc emits only JavaScript: icons, codex files and template workflows are copied as they are.
function copyNodeAssets() {
	return src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

function copyWorkflows() {
	return src('workflows/*.json', { base: '.' }).pipe(dest('dist'));
}

exports.build = parallel(copyNodeAssets, copyWorkflows);
