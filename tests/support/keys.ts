/** an internal key: a cell id (t3.granted.total, t2.art20_1.…) or an instance id (R3.2@total, S3@…) */
export const INTERNAL_KEY = /\bt[234]\.[a-z_0-9]+\.|\b[RSNC]\d(\.\d+)?@/;
