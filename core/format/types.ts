/** The two national formats, described as data: tables, rows, columns, labels, matching. */

export type FormatId = 'gov2019' | 'gov2021';
export const FORMAT_IDS: readonly FormatId[] = ['gov2019', 'gov2021'];

/** A cell id of the spec: `t2.<block>.<row>.<col>`, `t3.<row>.<col>`, `t4.<block>.<col>`. */
export type CellId = string;

export type ValueKind =
  /** integer ≥ 0 */
  | 'count'
  /** integer, may be negative (gov2019 本年增/减) */
  | 'signed'
  /** money, ≥ 0, decimals allowed; `unit` says what the stored number is in */
  | 'amount';

export interface ColumnDef {
  key: string;
  /** the template's header text */
  label: string;
  /** short name for messages */
  short: string;
  kind: ValueKind;
  /** for amounts: the unit the stored value is in */
  unit?: '元' | '万元';
}

export interface RowDef {
  key: string;
  /** the template's label, exactly */
  label: string;
  /** short name for messages */
  short: string;
  /**
   * How a label is recognised after normalisation (whitespace removed, simplified,
   * punctuation unified): any of these regular expressions. The longest match wins when
   * several rows match one label.
   */
  match: RegExp[];
  /** a label matching any of these is not this row (header cells, prose) */
  exclude?: RegExp[];
}

export interface BlockDef {
  key: string;
  caption: string;
  columns: ColumnDef[];
  rows: RowDef[];
}

export interface T4BlockDef {
  key: string;
  label: string;
  short: string;
}

export interface FormatDef {
  id: FormatId;
  /** 国办公开办函 reference, for the sheet's title notes */
  issuedBy: string;
  years: string;
  t2: BlockDef[];
  t3Rows: RowDef[];
  /** keys of the rows whose sum is （七）总计 */
  resultRows: string[];
}
