// `npm run bench`: client weight, page impact, endpoint overhead, generator latency and wiring cost
// (JS/TS/HTML parsers, then Python and Ruby), written to bench/results.json and BENCHMARKS.md. Not part of `npm test`.
//   npm run bench                 every section
//   npm run bench -- weight page  only these; the other sections keep their last results
//   npm run bench -- report       BENCHMARKS.md again from bench/results.json, measuring nothing
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../tests/helpers/workspace.js';
import { measureEndpoints } from './endpoint.js';
import { measureGenerator } from './generator.js';
import { measureLoadModes } from './load-modes.js';
import { machine, versions } from './lib/machine.js';
import { log, round } from './lib/stats.js';
import { measurePage } from './page.js';
import { measureParsers } from './parsers.js';
import { renderReport, type Results } from './report.js';
import { measureWeight } from './weight.js';
import { measureWiring } from './wiring.js';

const sections = {
  weight: measureWeight,
  page: measurePage,
  endpoint: measureEndpoints,
  generator: measureGenerator,
  wiring: measureWiring,
  parsers: measureParsers,
  load: measureLoadModes,
} as const;
type Section = keyof typeof sections;

const resultsFile = path.join(repoRoot, 'bench/results.json');
const reportFile = path.join(repoRoot, 'BENCHMARKS.md');

const asked = process.argv.slice(2);
if (asked.length === 1 && asked[0] === 'report') {
  fs.writeFileSync(reportFile, renderReport(JSON.parse(fs.readFileSync(resultsFile, 'utf8'))));
  log(`wrote ${path.relative(repoRoot, reportFile)} from ${path.relative(repoRoot, resultsFile)}`);
  process.exit(0);
}
const unknown = asked.filter((name) => !(name in sections));
if (unknown.length) {
  console.error(`unknown section(s): ${unknown.join(', ')}; choose from ${Object.keys(sections).join(', ')}`);
  process.exit(2);
}
const chosen = (asked.length ? asked : Object.keys(sections)) as Section[];

const previous: Partial<Results> = asked.length && fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, 'utf8')) : {};
const results: Results = { ...previous, machine: machine(), versions: versions(), sections: { ...previous.sections } } as Results;
const started = Date.now();
for (const name of chosen) {
  log(`${name}…`);
  const sectionStarted = Date.now();
  const value = await sections[name]();
  (results.sections as Record<string, unknown>)[name] = {
    ...value,
    measuredAt: new Date().toISOString(),
    seconds: round((Date.now() - sectionStarted) / 1000),
  };
}
results.machine.loadAverageAtEnd = os.loadavg().map((n) => round(n, 2));
results.machine.benchSeconds = round((Date.now() - started) / 1000);
fs.writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
fs.writeFileSync(reportFile, renderReport(results));
log(`wrote ${path.relative(repoRoot, resultsFile)} and ${path.relative(repoRoot, reportFile)} in ${results.machine.benchSeconds} s`);
