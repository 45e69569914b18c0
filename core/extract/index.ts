/**
 * Documents → the plain text the reader reads: web pages and clipboard HTML, .docx, .doc/.wps, PDF, scans (extract() is the one door).
 * Each keeps what the reader already knows (a table row is one line of tab-separated cells,
 * merges padded as Word pastes them), so analyze(htmlToText(html)) just works.
 */
export { htmlToText, looksLikeHtml } from './html.ts';
export { docxToText, documentXmlToText, DOCX_MESSAGES, type DocxResult, type DocxFailureCode } from './docx.ts';
export { pdfToText, pageLines, PDF_MESSAGES, type PdfResult, type PdfFailureCode, type PdfOptions } from './pdf.ts';
export { extract, FILE_KIND_ZH, READABLE_EXTENSIONS, type Extracted, type ExtractOptions, type FileKind, type ExtractFailureCode } from './extract.ts';
export { docToText, DOC_MESSAGES, type DocResult, type DocFailureCode } from './doc.ts';
export { ocrPdf, OCR_MESSAGES, type OcrEngine, type OcrMeta, type OcrProgress, type OcrWord } from './ocr.ts';
