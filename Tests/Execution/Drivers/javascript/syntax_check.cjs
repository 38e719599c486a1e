// Parses each file named on the command line as an ES module, as `node --check` does, in one process.
const vm = require('node:vm'); const fs = require('node:fs'); let bad = 0;
for (const p of process.argv.slice(2)) { try { new vm.SourceTextModule(fs.readFileSync(p, 'utf8'), { identifier: p }); } catch (e) { console.log(p + ': ' + e); bad++; } }
process.exit(bad ? 1 : 0);
