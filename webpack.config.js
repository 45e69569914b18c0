// The task pane's bundle, in the shape of Microsoft's `yo office` TypeScript task-pane template:
// one entry (addin/ui/main.ts) → dist/taskpane.html + script, the stylesheet, the icons and the
// manifest; an https dev server on localhost:3000 with office-addin-dev-certs; and, for a
// production build, the development URL in the copied manifest replaced by the production one.
import CopyWebpackPlugin from 'copy-webpack-plugin';
import webpack from 'webpack';
import HtmlWebpackPlugin from 'html-webpack-plugin';
import devCerts from 'office-addin-dev-certs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// webpack's own minifier, configured: exceljs comes minified already, and minifying it again takes most of a build
const MinimizerPlugin = createRequire(fileURLToPath(import.meta.resolve('webpack')))('minimizer-webpack-plugin');

const root = path.dirname(fileURLToPath(import.meta.url));
const urlDev = 'https://localhost:3000/';
// where the built pane is served from: set ADDIN_URL when building for your own server
const urlProd = process.env.ADDIN_URL ?? 'https://gouji.example.org/addin/';

async function getHttpsOptions() {
  const httpsOptions = await devCerts.getHttpsServerOptions();
  return { ca: httpsOptions.ca, key: httpsOptions.key, cert: httpsOptions.cert };
}

const tsRule = {
  test: /\.ts$/,
  exclude: /node_modules/,
  use: {
    loader: 'ts-loader',
    // types are checked by `tsc -p addin` (npm run typecheck); here only transpiled
    options: {
      configFile: path.join(root, 'addin/tsconfig.json'),
      transpileOnly: true,
      // the sources import './x.ts'; emitting, TypeScript wants those rewritten (to .js, which resolve maps back)
      compilerOptions: { noEmit: false, allowImportingTsExtensions: false, rewriteRelativeImportExtensions: true, module: 'ESNext', moduleResolution: 'Bundler' },
    },
  },
};

/**
 * The offline copy (`--env offline`): the page and its reading worker, each one file with
 * every lazy chunk folded in, for scripts/build-offline.ts to inline into a single .html.
 */
function offlineConfigs() {
  const common = {
    context: root,
    mode: 'production',
    devtool: false,
    resolve: { extensions: ['.ts', '.js'], extensionAlias: { '.js': ['.ts', '.js'] } },
    module: { rules: [tsRule] },
    // the large parts (exceljs, pdf.js and its worker) come minified already; minifying the rest
    // would save little and cost most of the build
    optimization: { splitChunks: false, minimize: false },
    performance: { hints: false },
  };
  const plugins = () => [new webpack.DefinePlugin({ __OFFLINE__: 'true' }), new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 })];
  return [
    { ...common, name: 'worker', target: 'webworker', entry: { worker: './addin/desk/worker.ts' }, output: { path: path.join(root, 'dist/offline-parts'), filename: 'worker.js' }, plugins: plugins() },
    { ...common, name: 'page', target: 'web', entry: { page: './addin/ui/main.ts' }, output: { path: path.join(root, 'dist/offline-parts'), filename: 'page.js' }, plugins: plugins() },
  ];
}

export default async (env, options) => {
  if (env.offline) return offlineConfigs();
  const dev = options.mode === 'development';
  if (!dev && !/^https:\/\/.+\/$/.test(urlProd)) throw new Error(`ADDIN_URL must be an https address ending in /: ${urlProd}`);
  return {
    context: root,
    devtool: dev ? 'source-map' : false,
    entry: {
      taskpane: './addin/ui/main.ts',
      // tesseract.js's own worker script (loaded by name with importScripts, so no hash in its name)
      'tesseract-worker': './node_modules/tesseract.js/src/worker-script/browser/index.js',
    },
    output: {
      path: path.join(root, 'dist'),
      filename: (p) => (p.chunk.name === 'tesseract-worker' ? '[name].js' : '[name].[contenthash:8].js'),
      chunkFilename: '[name].[contenthash:8].js',
      clean: true,
      // every file written, unchanged or not: the tests judge dist/ fresh by taskpane.html's time, and an
      // unchanged page left with its old time after a package.json change made every browser test rebuild it
      compareBeforeEmit: false,
    },
    resolve: { extensions: ['.ts', '.js'], extensionAlias: { '.js': ['.ts', '.js'] } },
    module: {
      rules: [tsRule],
    },
    plugins: [
      new webpack.DefinePlugin({ __OFFLINE__: 'false' }),
      new HtmlWebpackPlugin({ filename: 'taskpane.html', template: './addin/taskpane.html', chunks: ['taskpane'] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'addin/taskpane.css', to: 'taskpane.css' },
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          // reading files in the pane (addin/ui/extract-worker.ts): pdf.js's worker and CMaps,
          // tesseract's core, and the OCR models from Debian's tesseract-ocr-chi-sim / -eng when installed
          { from: 'node_modules/pdfjs-dist/legacy/build/pdf.worker.min.mjs', to: 'pdf.worker.min.mjs' },
          { from: 'node_modules/pdfjs-dist/cmaps', to: 'cmaps' },
          { from: 'node_modules/pdfjs-dist/standard_fonts', to: 'standard_fonts' },
          { from: 'node_modules/tesseract.js-core/tesseract-core*lstm.wasm.js', to: 'tesseract-core/[name][ext]' },
          { from: '/usr/share/tesseract-ocr/5/tessdata/{chi_sim,eng}.traineddata', to: 'tessdata/[name][ext]', noErrorOnMissing: true },
          {
            from: 'manifest.xml',
            to: '[name][ext]',
            transform(content) {
              return dev ? content : content.toString().replace(new RegExp(urlDev, 'g'), urlProd);
            },
          },
        ],
      }),
    ],
    optimization: {
      // exceljs stays in the chunk that loads it on demand (no separate vendor chunk)
      splitChunks: false,
      minimizer: [new MinimizerPlugin({ test: /\.js$/, exclude: /^xlsx\./, extractComments: false })],
    },
    performance: { hints: false },
    devServer: {
      static: { directory: path.join(root, 'dist') },
      headers: { 'Access-Control-Allow-Origin': '*' },
      server: { type: 'https', options: env.WEBPACK_BUILD || options.https !== undefined ? options.https : await getHttpsOptions() },
      port: Number(process.env.npm_package_config_dev_server_port ?? 3000),
    },
  };
};
