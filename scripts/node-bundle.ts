/**
 * What esbuild's bundles for node take in and what they leave to node_modules: the command
 * line's (dist-cli/, ./build-cli.ts) and the tests' (.test-build/, ./test-bundle.ts).
 *
 * Packages are bundled in. Loaded from node_modules, exceljs alone cost a process about 0.3 s of
 * CPU each time (hundreds of files found, read and lexed one by one), bundled about 0.1 s; most
 * test processes and `gouji xlsx` load it.
 */
import type { BuildOptions } from 'esbuild';

/**
 * Left to node_modules: packages that find files of their own beside them at run time (a worker
 * script, a native binary, the browser's driver) or that the bundles load only when a command
 * needs them (pdfjs-dist, tesseract.js: dynamic imports).
 */
export const EXTERNAL_PACKAGES = ['playwright-core', 'esbuild', 'tesseract.js', 'pdfjs-dist', '@napi-rs/canvas', 'ajv'];

/** spelt apart: the tests' bundles replace that expression wherever a module's text has it (./test-bundle.ts's ownUrl) */
const META_URL = ['import', 'meta', 'url'].join('.');

export const NODE_BUNDLE: BuildOptions = {
  bundle: true,
  external: EXTERNAL_PACKAGES,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // the CommonJS packages bundled in call require() for node's own modules: an ES module has none of its own
  banner: { js: `import { createRequire as __goujiRequire } from 'node:module'; const require = __goujiRequire(${META_URL});` },
};
