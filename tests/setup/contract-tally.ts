/**
 * vitest global setup: empties the contract tally before the run and prints, after it, how many
 * REST answers tests/helpers/contract.ts validated against openapi.json.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { contractTallyDir } from '../helpers/contract.ts';

export function setup(): () => void {
  rmSync(contractTallyDir, { recursive: true, force: true });
  return () => {
    let total = 0;
    try {
      for (const f of readdirSync(contractTallyDir)) {
        for (const line of readFileSync(join(contractTallyDir, f), 'utf8').split('\n')) total += Number(line) || 0;
      }
    } catch {
      return;
    }
    console.log(`contract: ${total} REST answers validated against openapi.json`);
  };
}
