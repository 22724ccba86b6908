'use strict';
// Adds up the results of every runner (jest JSON reports, PHPUnit JUnit XML) and prints one
// closing line, 'tests: N passed, N failed', that CI reads whatever runner produced them.
const fs = require('fs');

let passed = 0;
let failed = 0;
let skipped = 0;
const lines = [];
for (const file of process.argv.slice(2)) {
  if (!fs.existsSync(file)) {
    lines.push(`  ${file}: missing (that runner did not finish)`);
    failed += 1;
    continue;
  }
  const text = fs.readFileSync(file, 'utf8');
  if (file.endsWith('.json')) {
    const r = JSON.parse(text);
    passed += r.numPassedTests;
    failed += r.numFailedTests + (r.numRuntimeErrorTestSuites || 0);
    skipped += r.numPendingTests + (r.numTodoTests || 0);
    lines.push(`  ${file}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numRuntimeErrorTestSuites || 0} suites broken`);
  } else {
    // The first <testsuite> element carries the totals of the whole PHPUnit run.
    const m = /<testsuite\b[^>]*>/.exec(text);
    const attr = (n) => Number((new RegExp(`\\b${n}="(\\d+)"`).exec(m ? m[0] : '') || [])[1] || 0);
    const tests = attr('tests');
    const bad = attr('failures') + attr('errors');
    const skip = attr('skipped');
    passed += tests - bad - skip;
    failed += bad;
    skipped += skip;
    lines.push(`  ${file}: ${tests - bad - skip} passed, ${bad} failed, ${skip} skipped`);
  }
}
console.log(lines.join('\n'));
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 ? 1 : 0;
