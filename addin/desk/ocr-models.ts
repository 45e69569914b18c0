/**
 * OCR in the offline copy (the page's side). The single .html file carries tesseract.js's
 * worker and its core (a script element of type text/plain, #gouji-ocr, put there by
 * scripts/build-offline.ts) but not the models: the clerk picks them once per visit —
 * chi_sim.traineddata and eng.traineddata, kept on Debian-based systems (统信 UOS, 麒麟 too)
 * by the packages tesseract-ocr-chi-sim and tesseract-ocr-eng in
 * /usr/share/tesseract-ocr/5/tessdata/, on Windows by the Tesseract installer in
 * C:\Program Files\Tesseract-OCR\tessdata\, and beside the built pane in dist/tessdata/.
 * Every reading worker is handed them (worker-client.ts) before it reads.
 */
export interface OcrSetup {
  /** tesseract's core, its worker script and the fix between them, as one script */
  code: string;
  chi: Uint8Array;
  eng: Uint8Array;
}

let picked: { chi: Uint8Array; eng: Uint8Array } | null = null;
let setup: OcrSetup | null = null;

/** the offline copy carries the recognition program (not the models) */
export const offlineOcrCode = (): string | null => document.getElementById('gouji-ocr')?.textContent || null;

/** what the reading workers are handed, once models are picked */
export const ocrSetup = (): OcrSetup | null => setup;

const MODEL = /^(chi_sim|eng)\.traineddata$/i;

/** the models picked → kept for this visit; a sentence saying what was taken or what is missing */
export async function pickModels(files: File[]): Promise<{ ok: boolean; message: string }> {
  const code = offlineOcrCode();
  if (!code) return { ok: false, message: '这个页面不带文字识别程序：请使用 gouji 离线版（gouji.html）。' };
  const got: Partial<Record<'chi_sim' | 'eng', Uint8Array>> = {};
  for (const f of files) {
    const m = MODEL.exec(f.name);
    if (m) got[m[1]!.toLowerCase() as 'chi_sim' | 'eng'] = new Uint8Array(await f.arrayBuffer());
  }
  const lacking = (['chi_sim', 'eng'] as const).filter((k) => !got[k] && !(picked && (k === 'chi_sim' ? picked.chi : picked.eng)));
  if (lacking.length) {
    return {
      ok: false,
      message: `还缺识别模型 ${lacking.map((k) => `${k}.traineddata`).join('、')}：请同时选中 chi_sim.traineddata 和 eng.traineddata（通常在同一个 tessdata 文件夹中）。`,
    };
  }
  picked = { chi: got.chi_sim ?? picked!.chi, eng: got.eng ?? picked!.eng };
  setup = { code, ...picked };
  return { ok: true, message: `已选识别模型（中文 ${(picked.chi.length / 1024 / 1024).toFixed(1)} MB，数字 ${(picked.eng.length / 1024 / 1024).toFixed(1)} MB）：扫描件现在可以识别，请重新读取需要识别的文件。` };
}
