import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** Every module specifier a file loads at run time (type-only imports and exports excluded). */
function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      // Only `import type` is erased: with verbatimModuleSyntax, `import { type X } from 'm'`
      // still loads 'm' at run time (as `import {} from 'm'`).
      const typeOnly = node.importClause?.isTypeOnly === true;
      if (!typeOnly) found.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!node.isTypeOnly) found.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const expr = node.moduleReference.expression;
      if (ts.isStringLiteral(expr)) found.push(expr.text);
    } else if (ts.isCallExpression(node)) {
      const [arg] = node.arguments;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      const isDynamicImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      if ((isRequire || isDynamicImport) && arg !== undefined && ts.isStringLiteralLike(arg)) found.push(arg.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(c|m)?tsx?$|\.(c|m)?js$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

const isElectron = (specifier: string) => specifier === 'electron' || specifier.startsWith('electron/');

describe('Electron-free code', () => {
  it('electron/core never imports electron: it runs under plain Node (CLI, bridge, tests)', () => {
    const files = sourceFiles('electron/core');
    expect(files.length).toBeGreaterThan(0);
    const offenders = files.filter((file) => runtimeImports(file).some(isElectron));
    expect(offenders.map((file) => path.relative(ROOT, file))).toEqual([]);
  });

  it('the shell’s decision modules load no electron at run time, so these tests exercise the real code', () => {
    const pure = [
      'security.ts',
      'app-protocol.ts',
      'ipc-handler.ts',
      'app-paths.ts',
      'dialogs.ts',
      'menu.ts',
      'channels.ts',
    ];
    const offenders = pure.filter((name) => runtimeImports(path.join(ROOT, 'electron/main', name)).some(isElectron));
    expect(offenders).toEqual([]);
  });

  it('the scanner itself sees every way of loading a module and ignores type-only imports', () => {
    const probe = path.join(import.meta.dirname, 'fixtures', 'imports-probe.ts.txt');
    expect(runtimeImports(probe).sort()).toEqual(
      ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((x) => `electron-${x}`).sort(),
    );
  });
});
