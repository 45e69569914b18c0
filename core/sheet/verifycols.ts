/** The 校验 sheet's name and columns: one definition for the sheet, its rows and the sheets that count over it. */
export const VERIFY_SHEET = '校验';
export const VERIFY_HEADERS = ['工作表', '规则', '级别', '说明', '左边', '右边', '差额', '结果', '位置'] as const;
/** 1-based columns of the 校验 sheet */
export const VERIFY_COL = Object.fromEntries(VERIFY_HEADERS.map((h, i) => [h, i + 1])) as Record<(typeof VERIFY_HEADERS)[number], number>;
