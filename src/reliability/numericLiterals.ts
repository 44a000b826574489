/**
 * The numeric literals of a family's code, as a set of values — a static guard for `carry`
 * (`carryForward.ts`): the Allure comparison sees only what the checked streams exercise, so a
 * changed threshold no checked run came near (docs/reliability.md: `D2_REGIME_MAX_LOSS` 0.05 → 0.06
 * passed stream 0) is invisible to it; it is visible here, because a behaviour-preserving change —
 * moving files, renaming, deduplicating, reformatting — leaves the *set* of numbers written in the
 * code as it was. Values, not spellings (`1e-3` = `0.001`), signed when written with a unary minus;
 * parsed with the TypeScript parser, so numbers in comments and strings are not literals.
 * A set, not a count: deduplicating code removes repeats, not values.
 *
 * @example numericLiterals("const a = 0.05; // 7\nconst b = -2, c = 1e-3;") // [-2, 0.001, 0.05]
 */
import ts from "typescript";

export function numericLiterals(source: string, fileName = "module.ts"): number[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, fileName.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found = new Set<number>();
  const visit = (node: ts.Node): void => {
    if (ts.isNumericLiteral(node)) {
      const negated = ts.isPrefixUnaryExpression(node.parent) && node.parent.operator === ts.SyntaxKind.MinusToken;
      const value = Number(node.text);
      found.add(negated ? -value : value);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return [...found].sort((a, b) => a - b);
}

/** The values in only one of two sets of literals (each ascending). */
export function literalChanges(before: Iterable<number>, after: Iterable<number>): { readonly onlyBefore: number[]; readonly onlyAfter: number[] } {
  const a = new Set(before);
  const b = new Set(after);
  return { onlyBefore: [...a].filter((x) => !b.has(x)).sort((x, y) => x - y), onlyAfter: [...b].filter((x) => !a.has(x)).sort((x, y) => x - y) };
}
