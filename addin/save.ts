/**
 * Bytes handed to the browser as a download — the one way the pane and the desk save a
 * workbook or a .zip of notices. Small on purpose: the page loads it with its first script.
 */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const ZIP_TYPE = 'application/zip';
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** hand bytes to the browser as a download; returns the file name */
export function saveBytes(bytes: Uint8Array, name: string, type: string): string {
  const blob = new Blob([bytes as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // the browser has the blob once the click is handled; free it a little later
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}
