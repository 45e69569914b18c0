/** Formulas as a tree (expr.ts) and their one unparser (unparse.ts). */
export * from './expr.ts';
export * from './unparse.ts';
