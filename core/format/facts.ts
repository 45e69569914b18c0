/** Facts of the formats that sheets, messages and the reader all need: one definition each. */
import { FORMATS } from './tables.ts';
import type { FormatId } from './types.ts';

/** the six sections of a report, in order */
export const SECTION_TITLES = [
  '一、总体情况',
  '二、主动公开政府信息情况',
  '三、收到和处理政府信息公开申请情况',
  '四、政府信息公开行政复议、行政诉讼情况',
  '五、存在的主要问题及改进情况',
  '六、其他需要报告的事项',
];

/** a format's short Chinese name: 2019 年版 */
export const FORMAT_SHORT: Record<FormatId, string> = { gov2019: '2019 年版', gov2021: '2021 年版' };

/** a format's full Chinese name: 2019 年版格式（国办公开办函〔2019〕60号） */
export const FORMAT_ZH: Record<FormatId, string> = {
  gov2019: `${FORMAT_SHORT.gov2019}格式（${FORMATS.gov2019.issuedBy}）`,
  gov2021: `${FORMAT_SHORT.gov2021}格式（${FORMATS.gov2021.issuedBy}）`,
};

/** the format a report of this year should use (2019–2020 → gov2019, 2021 on → gov2021) */
export const formatOfYear = (year: number): FormatId => (year <= 2020 ? 'gov2019' : 'gov2021');
