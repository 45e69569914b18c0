/**
 * The pane's OCR engine, run inside the extraction web worker: pages rendered by pdf.js on an
 * OffscreenCanvas, words recognised by tesseract.js with every file served beside the pane
 * (its worker script, its core, and the models in tessdata/ — copied by the build from
 * Debian's tesseract-ocr-chi-sim / -eng), or — in the offline copy — with the parts the page
 * holds and the models the clerk picked (addin/desk/ocr-offline.ts); nothing is fetched from
 * anywhere else.
 */
import type { Gray, OcrEngine, OcrWord } from '../../core/extract/ocr.ts';

type Worker = Awaited<ReturnType<typeof import('tesseract.js').createWorker>>;
type Box = { text: string; confidence: number; bbox: { x0: number; y0: number; x1: number; y1: number } };
type Blocks = { blocks?: { paragraphs: { lines: { words: (Box & { symbols: Box[] })[] }[] }[] }[] | null };

const flat = (d: Blocks, symbols: boolean): OcrWord[] =>
  (d.blocks ?? []).flatMap((b) =>
    b.paragraphs.flatMap((p) => p.lines.flatMap((l) => (symbols ? l.words.flatMap((w) => w.symbols) : l.words).map((w) => ({ text: w.text, confidence: w.confidence, ...w.bbox })))),
  );

/** gray → a PGM file (the simplest image Leptonica reads), as a Blob, which tesseract.js takes in a worker */
function imageData(g: Gray): Blob {
  return new Blob([new TextEncoder().encode(`P5\n${g.width} ${g.height}\n255\n`), g.data as Uint8Array<ArrayBuffer>]);
}

/** where tesseract.js finds its parts: files beside the pane, or (the offline copy) what the page holds and the clerk picked */
export interface TesseractParts {
  workerPath: string;
  corePath: string;
  langPath?: string;
  /** a model by name (fetched from langPath), or its bytes */
  lang(code: 'chi_sim' | 'eng'): string | { code: string; data: Uint8Array };
  /** why recognition cannot run here, or null */
  missing(): Promise<string | null>;
  /** given: the program is started before the first page, and a failure to start is said in these words */
  cannotStart?(why: string): string;
}

/** the pane's parts: every file beside it */
function besideThePane(base: URL): TesseractParts {
  const at = (p: string) => new URL(p, base).href;
  return {
    workerPath: at('tesseract-worker.js'),
    corePath: at('tesseract-core/'),
    langPath: at('tessdata'),
    lang: (code) => code,
    async missing() {
      const res = await fetch(at('tessdata/chi_sim.traineddata'), { method: 'HEAD' }).catch(() => null);
      return res?.ok
        ? null
        : '这个 PDF 是扫描件，需要文字识别（OCR），但任务窗格所在的网站上没有识别模型：请把 chi_sim.traineddata 和 eng.traineddata 放到任务窗格的 tessdata 文件夹（dist/tessdata/）中再试；或用命令行 gouji check 识别（--ocr-lang-dir 指定模型所在的文件夹）。';
    },
  };
}

export function browserOcr(where: URL | TesseractParts): OcrEngine {
  const parts = where instanceof URL ? besideThePane(where) : where;
  let chi: Promise<Worker> | null = null;
  let eng: Promise<Worker> | null = null;
  const opts = { workerPath: parts.workerPath, corePath: parts.corePath, ...(parts.langPath ? { langPath: parts.langPath } : {}), gzip: false, cacheMethod: 'none', workerBlobURL: false };
  const make = (lang: 'chi_sim' | 'eng', params: Record<string, string>) =>
    import('tesseract.js').then(async (t) => {
      // a model tesseract cannot load rejects its job, but createWorker itself would wait for ever: its error handler ends the wait
      let fail: (e: unknown) => void = () => undefined;
      const failed = new Promise<never>((_, reject) => (fail = reject));
      const w = await Promise.race([t.createWorker([parts.lang(lang)] as never, t.OEM.LSTM_ONLY, { ...opts, errorHandler: (e: unknown) => fail(e) }), failed]);
      await w.setParameters(params);
      return w;
    });
  const chiWorker = () => (chi ??= make('chi_sim', { preserve_interword_spaces: '1' }));
  let doc: { bytes: Uint8Array; pdf: Promise<import('pdfjs-dist/legacy/build/pdf.mjs').PDFDocumentProxy> } | null = null;
  const open = async (bytes: Uint8Array) => {
    if (doc?.bytes !== bytes) {
      const lib = await import('pdfjs-dist/legacy/build/pdf.min.mjs');
      doc = { bytes, pdf: lib.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 }).promise };
    }
    return doc.pdf;
  };
  return {
    async ready() {
      const missing = await parts.missing();
      if (missing || !parts.cannotStart) return missing;
      // where the browser may lack what the program needs (WebAssembly under the page's policy, nested workers): tried once, said plainly
      try {
        await chiWorker();
        return null;
      } catch (e) {
        chi = null;
        return parts.cannotStart(String((e as Error)?.message ?? e));
      }
    },
    async pageCount(pdf) {
      return (await open(pdf)).numPages;
    },
    async render(pdf, n) {
      const page = await (await open(pdf)).getPage(n);
      // 150 dpi: a PDF point is 1/72 inch
      const viewport = page.getViewport({ scale: 150 / 72 });
      const canvas = new OffscreenCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      await page.render({ canvas: canvas as unknown as HTMLCanvasElement, canvasContext: ctx as unknown as CanvasRenderingContext2D, viewport }).promise;
      const rgba = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      const data = new Uint8Array(canvas.width * canvas.height);
      for (let i = 0; i < data.length; i++) data[i] = Math.round(0.299 * rgba[4 * i]! + 0.587 * rgba[4 * i + 1]! + 0.114 * rgba[4 * i + 2]!);
      page.cleanup();
      return { width: canvas.width, height: canvas.height, data };
    },
    async words(image) {
      const w = await chiWorker();
      return flat((await w.recognize(imageData(image) as never, {}, { blocks: true })).data as Blocks, false);
    },
    async digits(image) {
      const w = await (eng ??= make('eng', { tessedit_char_whitelist: '0123456789.', tessedit_pageseg_mode: '6' }));
      return flat((await w.recognize(imageData(image) as never, {}, { blocks: true })).data as Blocks, true);
    },
  };
}
