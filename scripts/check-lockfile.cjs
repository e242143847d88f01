#!/usr/bin/env node
// Fails when package-lock.json cannot drive `npm ci` on every platform:
//  - a dependency range of package.json that the lockfile's root entry does not
//    record the same way (package.json edited without `npm install`);
//  - a locked package whose dependency, optional ones included, has no entry that
//    Node's resolution would find. The optional ones are the other platforms'
//    native binaries (SWC, Nx, msgpackr, resolver bindings): `npm install` on one
//    machine can leave them out, and then `npm ci` refuses the lockfile elsewhere.
//    `npm install --package-lock-only` puts them back.
// Offline and quick: it reads the two files only.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

function lockfileProblems(pkg, lock) {
  const problems = [];
  const packages = lock.packages ?? {};
  const lockedRoot = packages[''] ?? {};
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']) {
    const wanted = pkg[field] ?? {};
    const locked = lockedRoot[field] ?? {};
    for (const [name, range] of Object.entries(wanted))
      if (locked[name] !== range)
        problems.push(
          `package.json ${field}.${name} is "${range}", the lockfile has ${JSON.stringify(locked[name] ?? null)}`,
        );
    for (const name of Object.keys(locked))
      if (!(name in wanted)) problems.push(`the lockfile has ${field}.${name}, package.json does not`);
  }
  // Node's resolution: node_modules/<name> beside the package, then in each folder above it.
  const resolves = (from, name) => {
    let dir = from;
    for (;;) {
      const candidate = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
      if (packages[candidate]) return true;
      if (!dir) return false;
      const parent = dir.lastIndexOf('/node_modules/');
      dir = parent === -1 ? '' : dir.slice(0, parent);
    }
  };
  for (const [location, entry] of Object.entries(packages)) {
    if (location === '' || entry.link) continue;
    const needed = { ...(entry.dependencies ?? {}), ...(entry.optionalDependencies ?? {}) };
    for (const name of Object.keys(needed))
      if (!resolves(location, name))
        problems.push(
          `${location} needs ${name}${entry.optionalDependencies?.[name] ? ' (optional)' : ''}, which the lockfile does not have`,
        );
  }
  return problems;
}

if (require.main === module) {
  const read = (file) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
  const problems = lockfileProblems(read('package.json'), read('package-lock.json'));
  if (problems.length > 0) {
    console.error(`package-lock.json does not match package.json (${problems.length} problems):`);
    for (const p of problems.slice(0, 20)) console.error(`  - ${p}`);
    console.error('Fix: npm install --package-lock-only --no-audit --no-fund, then commit package-lock.json.');
    process.exit(1);
  }
}

module.exports = { lockfileProblems };
