/**
 * vitest global setup: empties the contract tally before the run and prints, after it, how many
 * REST answers tests/helpers/contract.ts validated against openapi.json.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function setup(): () => void {
  // one directory per run (workers inherit the variable), so concurrent runs never mix their tallies
  const dir = mkdtempSync(join(tmpdir(), 'tracehub-contract-'));
  process.env.TRACEHUB_CONTRACT_TALLY = dir;
  return () => {
    let total = 0;
    for (const f of readdirSync(dir)) {
      for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) total += Number(line) || 0;
    }
    rmSync(dir, { recursive: true, force: true });
    console.log(`contract: ${total} REST answers validated against openapi.json`);
  };
}
