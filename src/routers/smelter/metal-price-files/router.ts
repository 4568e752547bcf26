import { router } from '../../../edge/trpc.ts';
import { exportMetalPricesProcedure } from './export.ts';
import { importMetalPricesProcedure } from './import.ts';
import { metalPriceTemplateProcedure } from './template.ts';

/** `admin.metalPriceFiles`: issue 15's metal-price spreadsheets, one procedure per file beside this one. */
export const metalPriceFilesRouter = router({
  import: importMetalPricesProcedure,
  export: exportMetalPricesProcedure,
  template: metalPriceTemplateProcedure,
});
