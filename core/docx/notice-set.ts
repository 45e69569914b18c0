/**
 * The set of 退回修改通知 for a round: one .docx per unit with problems still to fix, named
 * by noticeFileName — written one by one by `gouji notices`, or as one .zip for the pages
 * (the Excel pane and the desk download a single file). One place decides which units get a
 * notice and what each is called, so the three doors hand out the same documents.
 */
import { zipSync } from 'fflate';
import type { Problem } from '../round/problems.ts';
import { noticeBytes, noticeFileName, noticeUnits } from './notice.ts';

export interface NoticeSetOptions {
  county: string;
  year: number;
  deadline?: string;
  sender?: string;
  date: Date;
}

export interface NoticeFile {
  unit: string;
  name: string;
  problems: number;
  bytes: Uint8Array;
}

/** one notice per unit with 待整改 problems still there, in problem-list order */
export async function noticeFiles(problems: Problem[], o: NoticeSetOptions): Promise<NoticeFile[]> {
  const out: NoticeFile[] = [];
  for (const [unit, list] of noticeUnits(problems)) {
    const bytes = await noticeBytes({
      unit,
      year: o.year,
      county: o.county,
      problems: list,
      date: o.date,
      ...(o.deadline ? { deadline: o.deadline } : {}),
      ...(o.sender ? { sender: o.sender } : {}),
    });
    out.push({ unit, name: noticeFileName(unit), problems: list.length, bytes });
  }
  return out;
}

/** the notices as one .zip (UTF-8 names, which Windows' Explorer and WPS unpack as written) */
export function noticesZip(files: NoticeFile[]): Uint8Array {
  // .docx is already deflated: stored, not compressed again
  return zipSync(Object.fromEntries(files.map((f) => [f.name, [f.bytes, { level: 0 }]])), { mtime: new Date() });
}

/** the .zip's name: 青岚县2024年退回修改通知.zip */
export const noticesZipName = (county: string, year: number): string => `${county.replace(/[\\/:*?"<>|\s]+/g, '_')}${year}年退回修改通知.zip`;
