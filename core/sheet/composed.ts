/**
 * Formula cells made when the workbook is written. A thousand units' 校验 rows are the same
 * few hundred template formulas with another sheet name and row number: each is unparsed
 * once (formula/unparse.ts unparseTemplate) and joined with the unit's sheet and row only
 * when read, so that two hundred thousand rows do not hold their formula strings at once.
 */
import { fillTemplate, type Template } from '../formula/index.ts';

export class ComposedFormula {
  readonly kind = 'formula' as const;
  constructor(
    readonly template: Template,
    /** the quoted sheet name for the template's sheet holes */
    readonly quoted: string,
    /** the row for its row holes */
    readonly row: number,
  ) {}
  get formula(): string {
    return fillTemplate(this.template, this.quoted, this.row);
  }
}
