/**
 * Text as it can go into a cell, for both writers (exceljs's and the streaming one): a module
 * of its own so that the streaming writer and the readers do not load exceljs.
 */

// XML 1.0 cannot hold these; an xlsx holding one will not open at all
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** text as it can go into a cell: always a plain string, never a formula object */
export function cellText(s: string): string {
  return s.replace(XML_INVALID, '\ufffd');
}
