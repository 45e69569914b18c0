// pdf.js's worker module, bundled into the reading worker (see pdf-in-worker.ts).
declare module 'pdfjs-dist/legacy/build/pdf.worker.min.mjs' {
  export const WorkerMessageHandler: unknown;
}
