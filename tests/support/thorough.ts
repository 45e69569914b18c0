/**
 * How many generated cases the property tests run. `npm test` runs a share chosen so that
 * every layout, both formats and every kind of planted mistake still come up (each test says
 * how); `GOUJI_THOROUGH=1 npm test` runs them all, as before a release or after a change to
 * the reader, the rules or the generator (README, 测试).
 */
export const THOROUGH = process.env.GOUJI_THOROUGH === '1';

/** `quick` cases in `npm test`, `thorough` with GOUJI_THOROUGH=1 */
export const howMany = (quick: number, thorough: number): number => (THOROUGH ? thorough : quick);
