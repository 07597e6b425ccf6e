// Keeps packages/create-quire in step with quire-ssg: the same version, and a dependency on
// exactly that version of quire-ssg. Run by `npm version` (the "version" script) after the bump.
import { readFileSync, writeFileSync } from 'node:fs';

const root = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const file = new URL('../packages/create-quire/package.json', import.meta.url);
const create = JSON.parse(readFileSync(file, 'utf8'));
create.version = root.version;
create.dependencies[root.name] = root.version;
writeFileSync(file, `${JSON.stringify(create, null, 2)}\n`);
console.log(`create-quire ${create.version} → ${root.name} ${root.version}`);
