import fs from 'node:fs';
import path from 'node:path';
import { homePaths } from './client-home.ts';
import { writePrivateFile } from './private-file.ts';

/** A checkpoint this client verified, as stored under `<home>/checkpoints/<cell>/<compartment>/<size>.note`. */
export interface StoredCheckpoint {
  compartment: string;
  size: number;
  file: string;
  note: string;
}

const NOTE_FILE = /^(0|[1-9][0-9]{0,15})\.note$/;

/** Keeps a verified checkpoint (the signed note, with cosignature lines) for later checks. */
export function storeVerifiedCheckpoint(home: string, cell: string, compartment: string, size: number, note: string): string {
  const file = path.join(homePaths.checkpoints(home, cell, compartment), `${size}.note`);
  writePrivateFile(file, note);
  return file;
}

/** Every checkpoint stored for one compartment, smallest size first. */
export function storedCheckpoints(home: string, cell: string, compartment: string): StoredCheckpoint[] {
  const directory = homePaths.checkpoints(home, cell, compartment);
  let names: string[];
  try {
    names = fs.readdirSync(directory);
  } catch {
    return [];
  }
  return names
    .flatMap((name) => {
      const match = NOTE_FILE.exec(name);
      if (!match) return [];
      const file = path.join(directory, name);
      return [{ compartment, size: Number(match[1]), file, note: fs.readFileSync(file, 'utf8') }];
    })
    .sort((a, b) => a.size - b.size);
}

/** The largest checkpoint this client verified for a compartment, if any. */
export function latestStoredCheckpoint(home: string, cell: string, compartment: string): StoredCheckpoint | undefined {
  return storedCheckpoints(home, cell, compartment).at(-1);
}

/** Every checkpoint stored for a cell, whatever the compartment. */
export function allStoredCheckpoints(home: string, cell: string): StoredCheckpoint[] {
  const directory = path.dirname(homePaths.checkpoints(home, cell, 'x'));
  let compartments: string[];
  try {
    compartments = fs.readdirSync(directory);
  } catch {
    return [];
  }
  return compartments.filter((name) => /^[A-Za-z0-9_-]{1,64}$/.test(name)).flatMap((compartment) => storedCheckpoints(home, cell, compartment));
}
