import { router } from '../../../edge/trpc.ts';
import { epcisCaptureProcedure } from './capture.ts';
import { epcisEventsProcedure } from './events.ts';

/** `orders.traces.epcis`: the EPCIS 2.0 capture and query interfaces (issue 14 §2), one procedure per file beside this one. */
export const epcisRouter = router({ capture: epcisCaptureProcedure, events: epcisEventsProcedure });
