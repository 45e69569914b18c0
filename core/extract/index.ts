/**
 * Documents → the plain text the reader reads: web pages and clipboard HTML, .docx, PDF.
 * Each keeps what the reader already knows (a table row is one line of tab-separated cells,
 * merges padded as Word pastes them), so analyze(htmlToText(html)) just works.
 */
export { htmlToText, looksLikeHtml } from './html.ts';
export { docxToText, documentXmlToText, DOCX_MESSAGES, type DocxResult, type DocxFailureCode } from './docx.ts';
export { pdfToText, pageLines, PDF_MESSAGES, type PdfResult, type PdfFailureCode, type PdfOptions } from './pdf.ts';
