/**
 * pdfkit (with fontkit, its fonts and brotli: several MB of heap) loaded on the first PDF, not at boot: an API that
 * renders none never holds it. The type comes from a type-only import.
 */
type PdfKit = typeof import('pdfkit');

export function newPdfDocument(options: PDFKit.PDFDocumentOptions): PDFKit.PDFDocument {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const PDFDocument = require('pdfkit') as PdfKit;
  return new PDFDocument(options);
}
