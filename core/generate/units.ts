/**
 * Fictional units: towns (镇/乡), streets (街道) and county departments of invented
 * counties. Names are composed from syllables made up here, so no real unit is named.
 */
import type { Rng } from './random.ts';

/** invented counties; every report of the samples belongs to the first */
export const COUNTIES = ['青岚县', '松溪县', '云岭县', '白泉县', '桐川县'] as const;

const FIRST = ['青', '石', '柳', '桐', '松', '云', '清', '白', '金', '安', '平', '丰', '龙', '凤', '东', '西', '南', '北', '新', '长', '红', '高', '杨', '梅', '竹', '兰', '花', '双', '三', '永'];
const SECOND = ['溪', '岭', '山', '桥', '塘', '坪', '湾', '口', '林', '泉', '岗', '庄', '河', '田', '坝', '源', '峰', '洲', '湖', '阳', '水', '沙', '岩', '谷'];

const DEPARTMENTS = [
  '农业农村局', '教育局', '民政局', '财政局', '自然资源局', '住房和城乡建设局', '交通运输局', '水利局',
  '卫生健康局', '市场监督管理局', '人力资源和社会保障局', '生态环境局', '应急管理局', '文化和旅游局',
  '统计局', '林业局', '医疗保障局', '司法局', '退役军人事务局', '商务局',
];

export type UnitKind = 'town' | 'township' | 'street' | 'department' | 'county';

export interface Unit {
  /** the name as the title writes it */
  name: string;
  kind: UnitKind;
  county: string;
}

/** a two-syllable place name */
export function placeName(rng: Rng): string {
  return rng.pick(FIRST) + rng.pick(SECOND);
}

export function unitOf(kind: UnitKind, place: string, county: string, rng: Rng, withCounty = rng.chance(0.5)): Unit {
  const prefix = withCounty ? county : '';
  switch (kind) {
    case 'town':
      return { name: `${prefix}${place}镇人民政府`, kind, county };
    case 'township':
      return { name: `${prefix}${place}乡人民政府`, kind, county };
    case 'street':
      return { name: `${prefix}${place}街道办事处`, kind, county };
    case 'department':
      return { name: `${county}${rng.pick(DEPARTMENTS)}`, kind, county };
    case 'county':
      return { name: `${county}人民政府`, kind, county };
  }
}

export function randomUnit(rng: Rng, county = rng.pick(COUNTIES)): Unit {
  const kind = rng.pick<UnitKind>(['town', 'town', 'township', 'street', 'department', 'department', 'county']);
  return unitOf(kind, placeName(rng), county, rng);
}

/** the level decides how large the numbers are */
export const isTownLevel = (u: Unit) => u.kind === 'town' || u.kind === 'township' || u.kind === 'street';

/** a dozen distinct units of one county, for the samples */
export function countyUnits(rng: Rng, county: string, n: number): Unit[] {
  const out: Unit[] = [unitOf('county', '', county, rng)];
  const names = new Set(out.map((u) => u.name));
  const kinds: UnitKind[] = ['town', 'town', 'township', 'street', 'department', 'department'];
  // departments run out (there are only so many): after many clashes a place-named unit stands in
  let clashes = 0;
  while (out.length < n) {
    const kind = clashes > 50 ? kinds[clashes % 4]! : kinds[out.length % kinds.length]!;
    const u = unitOf(kind, placeName(rng), county, rng, true);
    if (!names.has(u.name)) {
      names.add(u.name);
      out.push(u);
      clashes = 0;
    } else if (++clashes > 100_000) {
      throw new Error(`只能生成 ${out.length} 个不重名的单位`);
    }
  }
  return out;
}
