/**
 * The ruling lines of a PDF page, from pdf.js's operator list: a bordered table's borders
 * are drawn as paths (stroked lines, or thin filled rectangles), and they are what says which
 * row and which column a piece of text belongs to — far more surely than the height of the
 * text, since a cell whose label wraps puts its number beside any of the label's lines.
 *
 * Only the geometry is read: paths in page space (y downwards, points), no colours or widths.
 */

/** a horizontal rule at y from x0 to x1, or a vertical one at x from y0 to y1 */
export interface HRule {
  y: number;
  x0: number;
  x1: number;
}
export interface VRule {
  x: number;
  y0: number;
  y1: number;
}
export interface Rules {
  h: HRule[];
  v: VRule[];
}

/** the operator numbers used here (pdf.js's OPS, passed in so this module needs no pdf.js) */
export interface Ops {
  save: number;
  restore: number;
  transform: number;
  constructPath: number;
  endPath: number;
  stroke: number;
  closeStroke: number;
  fill: number;
  eoFill: number;
  fillStroke: number;
  eoFillStroke: number;
  closeFillStroke: number;
}

type Matrix = [number, number, number, number, number, number];
const mul = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/** a path thinner than this (points) is a line, whatever way it was drawn */
const THIN = 2;
/** and it must be longer than this to be a border */
const LONG = 3;

/**
 * The page's rules. `view` is the viewport's transform (page space → y downwards).
 * pdf.js 5 gives constructPath as [paint op, [path data], bbox]; path data is a list of
 * moveTo(0) x y, lineTo(1) x y, curveTo(2) 6 numbers, quadraticCurveTo(3) 4, closePath(4).
 */
export function pageRules(fnArray: number[], argsArray: unknown[], ops: Ops, view: number[]): Rules {
  const h: HRule[] = [];
  const v: VRule[] = [];
  let ctm = view.slice(0, 6) as Matrix;
  const stack: Matrix[] = [];
  const strokes = new Set([ops.stroke, ops.closeStroke, ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke]);
  const fills = new Set([ops.fill, ops.eoFill]);
  const add = (pts: [number, number][], stroked: boolean) => {
    if (pts.length < 2) return;
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1]);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    // a line, or a rectangle so thin it is one
    if (y1 - y0 < THIN && x1 - x0 > LONG) return void h.push({ y: (y0 + y1) / 2, x0, x1 });
    if (x1 - x0 < THIN && y1 - y0 > LONG) return void v.push({ x: (x0 + x1) / 2, y0, y1 });
    // a stroked outline (a cell drawn as a rectangle): its straight edges; a filled area is shading
    if (!stroked) return;
    for (let i = 0; i < pts.length; i++) add([pts[i]!, pts[(i + 1) % pts.length]!], false);
  };
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[] | null;
    if (fn === ops.save) stack.push(ctm);
    else if (fn === ops.restore) ctm = stack.pop() ?? ctm;
    else if (fn === ops.transform && args) ctm = mul(ctm, args as Matrix);
    else if (fn === ops.constructPath && args) {
      const paint = args[0] as number;
      const stroked = strokes.has(paint);
      if (!stroked && !fills.has(paint)) continue;
      const data = (args[1] as ArrayLike<number>[] | undefined)?.[0];
      if (!data) continue;
      let pts: [number, number][] = [];
      for (let k = 0; k < data.length; ) {
        const op = data[k]!;
        if (op === 0) {
          add(pts, stroked);
          pts = [apply(ctm, data[k + 1]!, data[k + 2]!)];
          k += 3;
        } else if (op === 1) {
          pts.push(apply(ctm, data[k + 1]!, data[k + 2]!));
          k += 3;
        } else if (op === 2) {
          // a curve is no border: end the piece here
          add(pts, stroked);
          pts = [apply(ctm, data[k + 5]!, data[k + 6]!)];
          k += 7;
        } else if (op === 3) {
          add(pts, stroked);
          pts = [apply(ctm, data[k + 3]!, data[k + 4]!)];
          k += 5;
        } else k += 1;
      }
      add(pts, stroked);
    }
  }
  return { h, v };
}
