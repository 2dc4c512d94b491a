// Copies what tsc does not emit into dist/: node and credential icons, and codex files.
const { src, dest, series } = require('gulp');
const fs = require('node:fs');

function clean(done) {
	fs.rmSync('dist', { recursive: true, force: true });
	done();
}

function copyAssets() {
	return src(['nodes/**/*.{svg,png}', 'nodes/**/*.node.json', 'credentials/**/*.{svg,png}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports.clean = clean;
exports['build:assets'] = copyAssets;
exports.default = series(clean, copyAssets);
