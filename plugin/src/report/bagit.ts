// The audit pack as a BagIt bag (RFC 8493): the payload under data/, bagit.txt, bag-info.txt,
// manifest-sha256.txt over the payload and tagmanifest-sha256.txt over the tag files, so a change to
// any file — payload or metadata — is caught by verifyBag.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface BagFile {
  path: string;
  bytes: number;
  sha256: string;
}

export function sha256File(file: string): string {
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  const buffer = Buffer.alloc(1 << 20);
  try {
    for (let read; (read = fs.readSync(fd, buffer, 0, buffer.length, null)) > 0;) hash.update(buffer.subarray(0, read));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

function listFiles(dir: string, base = dir): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? listFiles(full, base) : [path.relative(base, full).split(path.sep).join('/')];
    })
    .sort();
}

/** bag-info.txt lines: "Label: value", values on one line. */
export function bagInfoText(info: Readonly<Record<string, string>>): string {
  return Object.entries(info)
    .map(([label, value]) => `${label}: ${value.replace(/\s*[\r\n]+\s*/g, ' ')}\n`)
    .join('');
}

/**
 * Writes the tag files for the payload already in `bagDir`/data; returns the payload files. `known`
 * gives the SHA-256 of payload files hashed as they were written (by their path under data/, 'x.csv'),
 * which are then not read again.
 */
export function writeBag(
  bagDir: string,
  info: Readonly<Record<string, string>>,
  known: ReadonlyMap<string, string> = new Map(),
): BagFile[] {
  const payload = listFiles(path.join(bagDir, 'data')).map((rel) => {
    const file = path.join(bagDir, 'data', rel);
    return { path: `data/${rel}`, bytes: fs.statSync(file).size, sha256: known.get(rel) ?? sha256File(file) };
  });
  const oxum = `${payload.reduce((n, f) => n + f.bytes, 0)}.${payload.length}`;
  fs.writeFileSync(path.join(bagDir, 'bagit.txt'), 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
  fs.writeFileSync(path.join(bagDir, 'bag-info.txt'), bagInfoText({ ...info, 'Payload-Oxum': oxum }));
  fs.writeFileSync(path.join(bagDir, 'manifest-sha256.txt'), payload.map((f) => `${f.sha256}  ${f.path}\n`).join(''));
  const tags = ['bag-info.txt', 'bagit.txt', 'manifest-sha256.txt'];
  fs.writeFileSync(
    path.join(bagDir, 'tagmanifest-sha256.txt'),
    tags.map((t) => `${sha256File(path.join(bagDir, t))}  ${t}\n`).join(''),
  );
  return payload;
}

export interface BagProblem {
  file: string;
  problem: 'changed' | 'missing' | 'unexpected' | 'malformed';
  detail: string;
}

export interface BagVerification {
  valid: boolean;
  checked: number;
  problems: BagProblem[];
}

function readManifest(file: string, problems: BagProblem[], name: string): Map<string, string> {
  const entries = new Map<string, string>();
  if (!fs.existsSync(file)) {
    problems.push({ file: name, problem: 'missing', detail: `${name} is missing` });
    return entries;
  }
  fs.readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .forEach((line, i) => {
      const match = /^([0-9a-f]{64})\s+(\S.*)$/.exec(line.trim());
      if (!match)
        problems.push({ file: name, problem: 'malformed', detail: `line ${i + 1} is not "<sha256>  <path>"` });
      else entries.set(match[2], match[1]);
    });
  return entries;
}

/** Re-hashes every file against the manifests and reports each changed, missing or extra file. */
export function verifyBag(bagDir: string): BagVerification {
  const problems: BagProblem[] = [];
  if (!fs.existsSync(path.join(bagDir, 'bagit.txt')))
    problems.push({ file: 'bagit.txt', problem: 'missing', detail: 'bagit.txt is missing: not a BagIt bag' });
  const tags = readManifest(path.join(bagDir, 'tagmanifest-sha256.txt'), problems, 'tagmanifest-sha256.txt');
  const payload = readManifest(path.join(bagDir, 'manifest-sha256.txt'), problems, 'manifest-sha256.txt');
  let checked = 0;
  for (const [rel, expected] of [...tags, ...payload]) {
    const file = path.join(bagDir, rel);
    if (rel.includes('..') || path.isAbsolute(rel)) {
      problems.push({ file: rel, problem: 'malformed', detail: 'path leaves the bag' });
      continue;
    }
    if (!fs.existsSync(file)) {
      problems.push({ file: rel, problem: 'missing', detail: `${rel} is listed in the manifest but missing` });
      continue;
    }
    checked++;
    const actual = sha256File(file);
    if (actual !== expected)
      problems.push({
        file: rel,
        problem: 'changed',
        detail: `${rel} changed: sha256 ${actual}, manifest says ${expected}`,
      });
  }
  for (const rel of listFiles(path.join(bagDir, 'data')).map((r) => `data/${r}`))
    if (!payload.has(rel)) problems.push({ file: rel, problem: 'unexpected', detail: `${rel} is not in the manifest` });
  return { valid: problems.length === 0, checked, problems };
}
