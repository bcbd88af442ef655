import { Workbook } from 'exceljs';
import pdfParse from 'pdf-parse/lib/pdf-parse.js';

/** Every cell of every sheet of an XLSX, as text. */
export async function xlsxText(buffer: Buffer): Promise<{ sheets: string[]; cells: string[] }> {
  const wb = new Workbook();
  await wb.xlsx.load(buffer as never);
  const cells: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => cells.push(cell.text))));
  return { sheets: wb.worksheets.map((w) => w.name), cells };
}

/**
 * The text of a PDF. pdf.js (inside pdf-parse) reads the bytes through `buffer.buffer`, ignoring a Node Buffer's
 * offset into a shared pool, so it gets a copy that owns its memory. One at a time: its worker shim is not reentrant.
 */
let queue: Promise<unknown> = Promise.resolve();
export function pdfText(buffer: Buffer): Promise<string> {
  const run = queue.then(() => pdfParse(new Uint8Array(buffer) as unknown as Buffer)).then((r) => r.text);
  queue = run.catch(() => undefined);
  return run;
}

/** supertest: collect a binary body as a Buffer. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- superagent's response is a readable stream
export const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
