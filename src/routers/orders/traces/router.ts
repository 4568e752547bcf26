import { router } from '../../../edge/trpc.ts';
import { addTraceLogProcedure, listTraceLogsProcedure } from './logs.ts';
import { getTraceProcedure, listTracesProcedure, publicTraceProcedure, qrCodeProcedure, qrCodeTargetProcedure } from './read.ts';
import {
  createManyTracesProcedure,
  createTraceProcedure,
  deleteTraceProcedure,
  replaceTraceProcedure,
  updateTraceProcedure,
} from './write.ts';

/** The v1 traceability API (spec 003). */
export const tracesRouter = router({
  createMany: createManyTracesProcedure,
  list: listTracesProcedure,
  create: createTraceProcedure,
  publicView: publicTraceProcedure,
  get: getTraceProcedure,
  replace: replaceTraceProcedure,
  update: updateTraceProcedure,
  delete: deleteTraceProcedure,
  logs: listTraceLogsProcedure,
  addLog: addTraceLogProcedure,
  qrCodeTarget: qrCodeTargetProcedure,
  qrCode: qrCodeProcedure,
});
