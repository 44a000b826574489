/**
 * The module specifiers a TypeScript/JavaScript source file loads at run time: static
 * `import … from "x"`, side-effect `import "x"`, `export … from "x"`, and dynamic `import("x")`
 * with a string literal. Type-only forms (`import type …`, `export type … from`) are left out —
 * they are erased by the compiler, so they cannot change what a module does. Parsed with the
 * TypeScript parser, so specifiers inside comments, strings or template literals are not
 * mistaken for imports.
 *
 * @example importSpecifiers('import { a } from "./a.ts";\nimport type { B } from "./b.ts";\nawait import("./c.ts");')
 * // ["./a.ts", "./c.ts"]
 */
import ts from "typescript";

export function importSpecifiers(source: string, fileName = "module.ts"): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, scriptKind(fileName));
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      if (!(node.importClause?.isTypeOnly ?? false) && ts.isStringLiteral(node.moduleSpecifier)) found.push(node.moduleSpecifier.text);
      return;
    }
    if (ts.isExportDeclaration(node)) {
      if (!node.isTypeOnly && node.moduleSpecifier !== undefined && ts.isStringLiteral(node.moduleSpecifier)) found.push(node.moduleSpecifier.text);
      return;
    }
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [first] = node.arguments;
      if (first !== undefined && ts.isStringLiteralLike(first)) found.push(first.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function scriptKind(fileName: string): ts.ScriptKind {
  if (/\.m?jsx?$/.test(fileName) || fileName.endsWith(".cjs")) return ts.ScriptKind.JS;
  return fileName.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
}
