// Writing large text files in chunks and reading CSV files back a record at a time, so neither side
// ever holds a whole file in memory.
import fs from 'node:fs';
import { CsvChunker, csvRow } from './csv.ts';
import type { CellValue } from './csv.ts';

/** A text file written through a 256 KB buffer with synchronous writes (no backpressure to manage). */
export class TextFile {
  public readonly path: string;
  private readonly fd: number;
  private chunks: string[] = [];
  private size = 0;

  public constructor(path: string) {
    this.path = path;
    this.fd = fs.openSync(path, 'w');
  }

  public write(text: string): void {
    this.chunks.push(text);
    this.size += text.length;
    if (this.size >= 1 << 18) this.flush();
  }

  public close(): void {
    this.flush();
    fs.closeSync(this.fd);
  }

  private flush(): void {
    if (!this.chunks.length) return;
    fs.writeSync(this.fd, this.chunks.join(''));
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

  public add(values: readonly CellValue[]): void {
    this.file.write(csvRow(values));
    this.rows++;
  }

  public close(): void {
    if (this.closed) return;
    this.closed = true;
    this.file.close();
  }
}

/**
 * The records of a CSV file, read in 1 MB chunks. A line break ends a record only outside quotes,
 * so quoted fields with line breaks survive the chunk boundaries.
 */
export function* readCsvRecords(path: string): Generator<string[]> {
  const fd = fs.openSync(path, 'r');
  const buffer = Buffer.alloc(1 << 20);
  const decoder = new TextDecoder('utf-8');
  const chunker = new CsvChunker();
  try {
    for (let read; (read = fs.readSync(fd, buffer, 0, buffer.length, null)) > 0;)
      yield* chunker.push(decoder.decode(buffer.subarray(0, read), { stream: true }));
    yield* chunker.push(decoder.decode());
    yield* chunker.end();
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The records of a CSV file that is still being written: what has been written so far, then more as
 * it comes, until `complete()` says the writer has closed it (checked before the last read, so the
 * final flush is not missed).
 */
export async function* followCsvRecords(path: string, complete: () => boolean, waitMs = 5): AsyncGenerator<string[][]> {
  const fd = fs.openSync(path, 'r');
  const buffer = Buffer.alloc(1 << 20);
  const decoder = new TextDecoder('utf-8');
  const chunker = new CsvChunker();
  try {
    for (;;) {
      const closed = complete();
      const read = fs.readSync(fd, buffer, 0, buffer.length, null);
      if (read > 0) {
        yield chunker.push(decoder.decode(buffer.subarray(0, read), { stream: true }));
        continue;
      }
      if (closed) break;
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
    yield chunker.push(decoder.decode());
    yield chunker.end();
  } finally {
    fs.closeSync(fd);
  }
}
