// Writing large text files in chunks and reading CSV files back a record at a time, so neither side
// ever holds a whole file in memory; and the output folder a pack or disclosure is staged beside.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CsvChunker } from '../org/csv.ts';
import { csvRow } from './csv.ts';
import type { CellValue } from './csv.ts';
import { ReportError } from './errors.ts';

/**
 * A text file written through a 256 KB buffer with synchronous writes (no backpressure to manage),
 * hashed as it is written: its SHA-256 is known when it is closed, without reading it back.
 */
export class TextFile {
  public readonly path: string;
  private readonly fd: number;
  private readonly hash = createHash('sha256');
  private digest: string | undefined;
  private chunks: string[] = [];
  private size = 0;
  /** UTF-8 bytes written so far, flushed or not. */
  public bytes = 0;

  public constructor(path: string) {
    this.path = path;
    this.fd = fs.openSync(path, 'w');
  }

  public write(text: string): void {
    this.chunks.push(text);
    this.size += text.length;
    this.bytes += Buffer.byteLength(text);
    if (this.size >= 1 << 18) this.flush();
  }

  public close(): void {
    this.flush();
    fs.closeSync(this.fd);
    this.digest = this.hash.digest('hex');
  }

  /** The SHA-256 of the file's bytes (hex), once it is closed. */
  public get sha256(): string {
    if (this.digest === undefined) throw new Error(`${this.path} is still being written.`);
    return this.digest;
  }

  private flush(): void {
    if (!this.chunks.length) return;
    const text = this.chunks.join('');
    fs.writeSync(this.fd, text);
    this.hash.update(text);
    this.chunks = [];
    this.size = 0;
  }
}

/** A CSV file: the header when opened, then one record per call. Counts its data rows. */
export class CsvFile {
  public rows = 0;
  public readonly columns: readonly string[];
  private readonly file: TextFile;
  private closed = false;

  public constructor(path: string, columns: readonly string[]) {
    this.columns = columns;
    this.file = new TextFile(path);
    this.file.write(csvRow(columns));
  }

  public get path(): string {
    return this.file.path;
  }

  /** The SHA-256 of the file once it is closed. */
  public get sha256(): string {
    return this.file.sha256;
  }

  /** The file's size in bytes so far (header included). */
  public get bytes(): number {
    return this.file.bytes;
  }

  public add(values: readonly CellValue[]): void {
    this.file.write(csvRow(values));
    this.rows++;
  }

  /** Adds a record unless it would take the file past `maxBytes`; false (nothing written) if it would. */
  public addWithin(values: readonly CellValue[], maxBytes: number): boolean {
    const row = csvRow(values);
    if (this.rows > 0 && this.file.bytes + Buffer.byteLength(row) > maxBytes) return false;
    this.file.write(row);
    this.rows++;
    return true;
  }

  public close(): void {
    if (this.closed) return;
    this.closed = true;
    this.file.close();
  }
}

/**
 * A CSV file read a 1 MB chunk at a time. A line break ends a record only outside quotes, so quoted
 * fields with line breaks survive the chunk boundaries.
 */
class CsvChunkReader {
  private readonly fd: number;
  private readonly buffer = Buffer.alloc(1 << 20);
  private readonly decoder = new TextDecoder('utf-8');
  private readonly chunker = new CsvChunker();

  public constructor(path: string) {
    this.fd = fs.openSync(path, 'r');
  }

  /** The records completed by the next chunk; null when nothing more has been written yet. */
  public next(): string[][] | null {
    const read = fs.readSync(this.fd, this.buffer, 0, this.buffer.length, null);
    return read > 0 ? this.chunker.push(this.decoder.decode(this.buffer.subarray(0, read), { stream: true })) : null;
  }

  /** The last records, once the file is known to be complete. */
  public end(): string[][] {
    return [...this.chunker.push(this.decoder.decode()), ...this.chunker.end()];
  }

  public close(): void {
    fs.closeSync(this.fd);
  }
}

/** The records of a complete CSV file, one at a time. */
export function* readCsvRecords(path: string): Generator<string[]> {
  const reader = new CsvChunkReader(path);
  try {
    for (let records; (records = reader.next()) !== null;) yield* records;
    yield* reader.end();
  } finally {
    reader.close();
  }
}

/**
 * The records of a CSV file, a chunk's worth at a time, while it may still be written: what has been
 * written so far, then more as it comes, until `complete()` says the writer has closed it (checked
 * before the last read, so the final flush is not missed).
 */
export async function* followCsvRecords(path: string, complete: () => boolean, waitMs = 5): AsyncGenerator<string[][]> {
  const reader = new CsvChunkReader(path);
  try {
    for (;;) {
      const closed = complete();
      const records = reader.next();
      if (records) yield records;
      else if (closed) break;
      else await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
    yield reader.end();
  } finally {
    reader.close();
  }
}

/** The name a staging folder of outputDir starts with, in the folder that will hold outputDir. */
export function stagingPrefix(outputDir: string): string {
  return `.${path.basename(path.resolve(outputDir))}.partial-`;
}

/**
 * Checks the output folder before anything is read: it must not exist or be empty, and its parent
 * must take a new folder. Returns the staging folder (a hidden sibling, so the rename is atomic).
 */
export function prepareOutput(outputDir: string): string {
  const target = path.resolve(outputDir);
  if (fs.existsSync(target)) {
    if (!fs.statSync(target).isDirectory() || fs.readdirSync(target).length)
      throw new ReportError('OutputExists', `${outputDir} already exists and is not an empty folder.`);
    fs.rmdirSync(target);
  }
  const parent = path.dirname(target);
  try {
    fs.mkdirSync(parent, { recursive: true });
    return fs.mkdtempSync(path.join(parent, stagingPrefix(outputDir)));
  } catch (error) {
    throw new ReportError('OutputNotWritable', `Cannot write to ${parent}: ${(error as Error).message}`);
  }
}
