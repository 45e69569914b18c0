/**
 * How a sheet is painted and printed, once for both writers (write.ts through exceljs,
 * stream.ts as XML): the conditional formats' colours, the border, and the page setup.
 */
import { DEFAULT_MARGINS, PAINT, type ConditionalFormat, type Margins, type PrintSetup } from '../sheet/model.ts';

/** the order of the painted states in styles.xml's dxfs */
export const PAINT_ORDER: ConditionalFormat['style'][] = ['broken', 'undecided'];
export { PAINT };

/** the colour of every cell border (thin, black) */
export const BORDER_COLOR = 'FF000000';

export interface PageSetup {
  /** ECMA-376 paper size: 9 is A4 */
  paperSize: 9;
  orientation: PrintSetup['orientation'];
  fitToWidth: number;
  fitToHeight: number;
  /** a fixed zoom in percent, in place of fitting */
  scale?: number;
  horizontalCentered: true;
  margins: Margins;
}

export function pageSetup(p: PrintSetup): PageSetup {
  return {
    paperSize: 9,
    orientation: p.orientation,
    fitToWidth: p.fitToWidth,
    fitToHeight: p.fitToHeight,
    ...(p.scale ? { scale: p.scale } : {}),
    horizontalCentered: true,
    margins: p.margins ?? DEFAULT_MARGINS,
  };
}
