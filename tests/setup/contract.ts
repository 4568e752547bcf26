import { afterAll } from 'vitest';
import { flushContractTally } from '../helpers/contract.ts';

afterAll(flushContractTally);
