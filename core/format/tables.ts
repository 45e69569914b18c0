/** Table 三 and 四, which both formats share (but for 表三's （六）), and the two formats' 表二. */
import type { BlockDef, ColumnDef, FormatDef, RowDef, T4BlockDef } from './types.ts';

const count = (key: string, label: string, short = label): ColumnDef => ({ key, label, short, kind: 'count' });

// ---------------------------------------------------------------- 表三

export const T3_COLUMNS: ColumnDef[] = [
  count('natural_person', '自然人'),
  count('commercial', '商业企业'),
  count('research', '科研机构'),
  count('public_interest', '社会公益组织'),
  count('legal_service', '法律服务机构'),
  count('other_org', '其他'),
  count('total', '总计'),
];

/** header words of 表三: a label holding one of them is a header cell, not a row */
const T3_HEADER = /自然人|申请人情况|法人或其他组织|商业企业|科研机构|勾稽关系/;

const row = (key: string, label: string, short: string, match: RegExp[], exclude?: RegExp[]): RowDef =>
  exclude ? { key, label, short, match, exclude } : { key, label, short, match };

const T3_HEAD_ROWS: RowDef[] = [
  row('new_received', '一、本年新收政府信息公开申请数量', '本年新收', [/本年新收/, /新收.*申请数量/]),
  row('carried_in', '二、上年结转政府信息公开申请数量', '上年结转', [/上年结转/]),
  row('granted', '（一）予以公开', '予以公开', [/予以公开/]),
  row('partly_granted', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '部分公开', [/部分公开/]),
  row('denied_state_secret', '1.属于国家秘密', '不予公开·国家秘密', [/国家秘密/]),
  row('denied_law', '2.其他法律行政法规禁止公开', '不予公开·法律法规禁止', [/禁止公开/, /其他法律/]),
  row('denied_safety', '3.危及“三安全一稳定”', '不予公开·三安全一稳定', [/三安全一稳定/, /危及/]),
  row('denied_third_party', '4.保护第三方合法权益', '不予公开·第三方权益', [/第三方/]),
  row('denied_internal', '5.属于三类内部事务信息', '不予公开·内部事务', [/内部事务/]),
  row('denied_process', '6.属于四类过程性信息', '不予公开·过程性信息', [/过程性/]),
  row('denied_enforcement', '7.属于行政执法案卷', '不予公开·执法案卷', [/执法案卷/]),
  row('denied_inquiry', '8.属于行政查询事项', '不予公开·行政查询', [/行政查询/]),
  row('unable_not_held', '1.本机关不掌握相关政府信息', '无法提供·不掌握', [/不掌握/]),
  row('unable_must_create', '2.没有现成信息需要另行制作', '无法提供·需另行制作', [/另行制作/, /没有现成/]),
  row('unable_unclear', '3.补正后申请内容仍不明确', '无法提供·补正后仍不明确', [/补正后/, /仍不明确/]),
  row('unprocessed_petition', '1.信访举报投诉类申请', '不予处理·信访举报投诉', [/信访/, /举报投诉/]),
  row('unprocessed_repeat', '2.重复申请', '不予处理·重复申请', [/重复申请/]),
  row('unprocessed_publication', '3.要求提供公开出版物', '不予处理·公开出版物', [/出版物/]),
  row('unprocessed_massive', '4.无正当理由大量反复申请', '不予处理·大量反复申请', [/大量反复/]),
  row('unprocessed_confirm', '5.要求行政机关确认或重新出具已获取信息', '不予处理·确认或重新出具', [/重新出具/, /确认或重新/]),
];

const T3_TAIL_ROWS: RowDef[] = [
  row('results_total', '（七）总计', '（七）总计', [/总计/], [T3_HEADER]),
  row('carried_out', '四、结转下年度继续办理', '结转下年度', [/结转下年/, /下年度继续办理/]),
];

const OTHER_2019: RowDef[] = [
  row('other_handling', '（六）其他处理', '其他处理', [/其他处理$/, /其他处理[^理]{0,3}$/]),
];

const OTHER_2021: RowDef[] = [
  row(
    'other_no_correction',
    '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    '其他处理·逾期不补正',
    [/逾期不补正/, /无正当理由逾期/],
  ),
  row(
    'other_unpaid_fee',
    '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    '其他处理·逾期未缴费',
    [/缴纳费用/, /收费通知/],
  ),
  row('other_misc', '3.其他', '其他处理·其他', [/(?:^|[(（][六6][)）](?:其他处理)?|\d\.)其他$/]),
];

/** group labels of 表三 (merged cells over sub-rows; they carry no numbers) */
export const T3_GROUPS: { label: string; rows: [string, string] }[] = [
  { label: '三、本年度办理结果', rows: ['granted', 'results_total'] },
  { label: '（三）不予公开', rows: ['denied_state_secret', 'denied_inquiry'] },
  { label: '（四）无法提供', rows: ['unable_not_held', 'unable_unclear'] },
  { label: '（五）不予处理', rows: ['unprocessed_petition', 'unprocessed_confirm'] },
  { label: '（六）其他处理', rows: ['other_no_correction', 'other_misc'] },
];

export const T3_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

// ---------------------------------------------------------------- 表四

export const T4_BLOCKS: T4BlockDef[] = [
  { key: 'review', label: '行政复议', short: '行政复议' },
  { key: 'suit_direct', label: '未经复议直接起诉', short: '行政诉讼·未经复议直接起诉' },
  { key: 'suit_after_review', label: '复议后起诉', short: '行政诉讼·复议后起诉' },
];

export const T4_COLUMNS: ColumnDef[] = [
  count('upheld', '结果维持'),
  count('corrected', '结果纠正'),
  count('other', '其他结果'),
  count('pending', '尚未审结'),
  count('total', '总计'),
];

// ---------------------------------------------------------------- 表二

const T2_ROW = {
  regulation: row('regulation', '规章', '规章', [/规章/], [/规范性/]),
  normative2019: row('normative_doc', '规范性文件', '规范性文件', [/规范性文件/]),
  normative2021: row('normative_doc', '行政规范性文件', '行政规范性文件', [/规范性文件/]),
  license: row('license', '行政许可', '行政许可', [/行政许可/]),
  other_service: row('other_service', '其他对外管理服务事项', '其他对外管理服务事项', [/对外管理服务/]),
  penalty: row('penalty', '行政处罚', '行政处罚', [/行政处罚/]),
  coercion: row('coercion', '行政强制', '行政强制', [/行政强制/]),
  fee: row('fee', '行政事业性收费', '行政事业性收费', [/事业性收费/]),
  procurement: row('procurement', '政府集中采购', '政府集中采购', [/集中采购/]),
};

const caption = (n: string) => `第二十条第（${n}）项`;

const T2_2019_ITEMS: ColumnDef[] = [
  count('prev_items', '上一年项目数量'),
  { key: 'change', label: '本年增/减', short: '本年增/减', kind: 'signed' },
];

const T2_2019: BlockDef[] = [
  {
    key: 'art20_1',
    caption: caption('一'),
    columns: [count('new_made', '本年新制作数量'), count('new_published', '本年新公开数量'), count('total_published', '对外公开总数量')],
    rows: [T2_ROW.regulation, T2_ROW.normative2019],
  },
  {
    key: 'art20_5',
    caption: caption('五'),
    columns: [...T2_2019_ITEMS, count('decisions', '处理决定数量')],
    rows: [T2_ROW.license, T2_ROW.other_service],
  },
  {
    key: 'art20_6',
    caption: caption('六'),
    columns: [...T2_2019_ITEMS, count('decisions', '处理决定数量')],
    rows: [T2_ROW.penalty, T2_ROW.coercion],
  },
  { key: 'art20_8', caption: caption('八'), columns: T2_2019_ITEMS, rows: [T2_ROW.fee] },
  {
    key: 'art20_9',
    caption: caption('九'),
    columns: [
      count('projects', '采购项目数量'),
      { key: 'amount_yuan', label: '采购总金额', short: '采购总金额', kind: 'amount', unit: '元' },
    ],
    rows: [T2_ROW.procurement],
  },
];

const decisions2021 = count('decisions', '本年处理决定数量');

const T2_2021: BlockDef[] = [
  {
    key: 'art20_1',
    caption: caption('一'),
    columns: [count('made', '本年制发件数'), count('repealed', '本年废止件数'), count('in_force', '现行有效件数')],
    rows: [T2_ROW.regulation, T2_ROW.normative2021],
  },
  { key: 'art20_5', caption: caption('五'), columns: [decisions2021], rows: [T2_ROW.license] },
  { key: 'art20_6', caption: caption('六'), columns: [decisions2021], rows: [T2_ROW.penalty, T2_ROW.coercion] },
  {
    key: 'art20_8',
    caption: caption('八'),
    columns: [{ key: 'amount_wan', label: '本年收费金额（单位：万元）', short: '本年收费金额', kind: 'amount', unit: '万元' }],
    rows: [T2_ROW.fee],
  },
];

// ---------------------------------------------------------------- the two formats

export const FORMATS: Record<'gov2019' | 'gov2021', FormatDef> = {
  gov2019: {
    id: 'gov2019',
    issuedBy: '国办公开办函〔2019〕60号',
    years: '2019–2020',
    t2: T2_2019,
    t3Rows: [...T3_HEAD_ROWS, ...OTHER_2019, ...T3_TAIL_ROWS],
    resultRows: [...T3_HEAD_ROWS.slice(2), ...OTHER_2019].map((r) => r.key),
  },
  gov2021: {
    id: 'gov2021',
    issuedBy: '国办公开办函〔2021〕30号',
    years: '2021 起',
    t2: T2_2021,
    t3Rows: [...T3_HEAD_ROWS, ...OTHER_2021, ...T3_TAIL_ROWS],
    resultRows: [...T3_HEAD_ROWS.slice(2), ...OTHER_2021].map((r) => r.key),
  },
};

/**
 * Fingerprints of each format in the tables' text (normalised, whitespace removed).
 * The format is detected from these, never from the year.
 */
export const FINGERPRINTS: Record<'gov2019' | 'gov2021', RegExp[]> = {
  gov2019: [/本年新制作数量/, /本年新公开数量/, /对外公开总数量/, /上一年项目数量/, /本年增\/减/, /第二十条第（九）项/, /集中采购/, /采购总金额/],
  gov2021: [/本年制发件数/, /本年废止件数/, /现行有效件数/, /本年收费金额/, /逾期不补正/, /缴纳费用/],
};
