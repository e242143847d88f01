#!/usr/bin/env node
/**
 * How many of the project's own files a reader meets following a path through the
 * code: from the entry files given, every file that declares something they import
 * (through barrels to the declaring file, as "go to definition" does), and so on.
 * Specs, generated code and node_modules are not counted.
 *
 *   node scripts/import-walk.cjs apps/api/src/conversations/messages.controller.ts ...
 *
 * Prints the files by project, then "<files> files in <projects> projects".
 */
const path = require('node:path');
const ts = require('typescript');

const root = process.cwd();
const entries = process.argv.slice(2).map((file) => path.resolve(root, file));
if (entries.length === 0) {
  console.error('usage: node scripts/import-walk.cjs <entry.ts>...');
  process.exit(2);
}

const config = ts.getParsedCommandLineOfConfigFile(
  path.join(root, 'tsconfig.json'),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  },
);
const program = ts.createProgram({
  rootNames: [...new Set([...config.fileNames, ...entries])],
  options: config.options,
});
const checker = program.getTypeChecker();

const isOwn = (file) =>
  file.startsWith(root + path.sep) &&
  !file.includes(`${path.sep}node_modules${path.sep}`) &&
  !file.includes(`${path.sep}generated${path.sep}`) &&
  !/\.(int-)?spec\.ts$|\.e2e-spec\.ts$|\.d\.ts$/.test(file);

function resolveModule(from, specifier) {
  const resolved = ts.resolveModuleName(specifier, from, config.options, ts.sys).resolvedModule;
  return resolved ? path.resolve(resolved.resolvedFileName) : null;
}

/** The files that declare what one import (or re-export) names. */
function declaringFiles(source, node) {
  const files = new Set();
  const specifier = node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) ? node.moduleSpecifier.text : null;
  const moduleFile = specifier ? resolveModule(source.fileName, specifier) : null;
  const named = [];
  if (ts.isImportDeclaration(node)) {
    const clause = node.importClause;
    if (!clause) {
      if (moduleFile) files.add(moduleFile); // a side-effect import runs the whole module
    } else {
      if (clause.name) named.push(clause.name);
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) named.push(...bindings.elements.map((e) => e.name));
      if (bindings && ts.isNamespaceImport(bindings) && moduleFile) files.add(moduleFile);
    }
  } else if (ts.isExportDeclaration(node)) {
    if (node.exportClause && ts.isNamedExports(node.exportClause))
      named.push(...node.exportClause.elements.map((e) => e.name));
    else if (moduleFile) files.add(moduleFile);
  }
  for (const identifier of named) {
    let symbol = checker.getSymbolAtLocation(identifier);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    for (const declaration of symbol?.declarations ?? []) files.add(path.resolve(declaration.getSourceFile().fileName));
  }
  return files;
}

function dynamicImports(source) {
  const files = new Set();
  const visit = (node) => {
    if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      const file = resolveModule(source.fileName, node.arguments[0].text);
      if (file) files.add(file);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return files;
}

const seen = new Set();
const queue = [...entries];
while (queue.length > 0) {
  const file = queue.pop();
  if (seen.has(file) || !isOwn(file)) continue;
  seen.add(file);
  const source = program.getSourceFile(file);
  if (!source) continue;
  const next = new Set(dynamicImports(source));
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) {
      for (const found of declaringFiles(source, statement)) next.add(found);
    }
  }
  for (const found of next) if (!seen.has(found)) queue.push(found);
}

const projectOf = (file) => path.relative(root, file).split(path.sep).slice(0, 2).join('/');
const byProject = new Map();
for (const file of [...seen].sort()) {
  const project = projectOf(file);
  byProject.set(project, [...(byProject.get(project) ?? []), path.relative(root, file)]);
}
for (const [project, files] of byProject) {
  console.log(`${project} (${files.length})`);
  for (const file of files) console.log(`  ${file}`);
}
console.log(`${seen.size} files in ${byProject.size} projects`);
