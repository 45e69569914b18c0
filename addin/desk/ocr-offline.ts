/**
 * OCR in the offline copy (the reading worker's side): tesseract.js started from the script the
 * page handed over (a blob: URL — the page's policy allows workers from blob: only) with the
 * models the clerk picked given as bytes, so nothing is fetched: the policy's connect-src
 * 'none' stays. Without models, a scan is refused with what to do.
 */
import type { TesseractParts } from '../ui/ocr-browser.ts';
import type { OcrSetup } from './ocr-models.ts';

export const NO_MODEL =
  '这个 PDF 是扫描件，需要文字识别（OCR）。离线版不带识别模型：请点“选择识别模型”，同时选中 chi_sim.traineddata 和 eng.traineddata' +
  '（统信、麒麟等 Debian 系统装了 tesseract-ocr-chi-sim 和 tesseract-ocr-eng 后在 /usr/share/tesseract-ocr/5/tessdata/；' +
  'Windows 装了 Tesseract 后在 C:\\Program Files\\Tesseract-OCR\\tessdata\\；部署任务窗格的 tessdata 文件夹中也有），再重新读取这个文件。' +
  '也可以用命令行 gouji check 识别扫描件。';

let url: { code: string; href: string } | null = null;

export function offlineParts(setup: OcrSetup | null): TesseractParts {
  if (setup && url?.code !== setup.code) url = { code: setup.code, href: URL.createObjectURL(new Blob([setup.code], { type: 'text/javascript' })) };
  const href = setup ? url!.href : '';
  return {
    workerPath: href,
    // the core is already in the worker's script (TesseractCore is defined, so it is not loaded again); a name ending in .js keeps tesseract.js from adding its own
    corePath: `${href}#tesseract-core.js`,
    lang: (code) => ({ code, data: code === 'chi_sim' ? setup!.chi : setup!.eng }),
    missing: async () => (setup ? null : NO_MODEL),
    cannotStart: (why) =>
      `这个 PDF 是扫描件，但文字识别没能启动（${why}）：请确认选的是 tesseract 的 chi_sim.traineddata 和 eng.traineddata 且文件完好，` +
      '或换用较新的 Edge、Chrome 或 Firefox 打开 gouji.html；也可以用命令行 gouji check 识别扫描件。',
  };
}
