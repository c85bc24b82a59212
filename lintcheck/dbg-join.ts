import * as fs from 'node:fs';
import * as path from 'node:path';
import { matchLabels, readLabels, fingerprint } from './labels';
const cache = `${process.env.HOME}/.cache/kitchen-sync-lintcheck`;
const [rule, tier, verdictFilter] = process.argv.slice(2);
for (const name of fs.readdirSync(`${cache}/results`)) {
  const root = `${cache}/sources/` + fs.readdirSync(`${cache}/sources`).find((d) => d.startsWith(name + '@'));
  const rep = JSON.parse(fs.readFileSync(`${cache}/results/${name}/kitchen-sync.json`, 'utf8'));
  const sites = rep.findings.filter((f: any) => `kitchen-sync/${f.ruleId}` === rule && String(f.experimental) === (tier === 'exp' ? 'true' : 'false')).map((f: any) => {
    const rel = path.relative(root, f.file); const line = f.range.start.line + 1;
    const text = fs.readFileSync(f.file, 'utf8').split('\n')[line - 1] ?? '';
    return { rule, path: rel, line, fingerprint: fingerprint(rule, text), msg: f.message };
  });
  const m = matchLabels(sites, readLabels(`/work/main/lintcheck/labels/${name}.tsv`));
  for (const { site, label } of m.labelled) if (!verdictFilter || label.verdict === verdictFilter) console.log(name, label.verdict, `${site.path}:${site.line}`, '|', label.reason, '|', (site as any).msg.slice(0, 120));
  if (!verdictFilter || verdictFilter === '?') for (const s of m.unlabelled) console.log(name, 'UNLABELLED', `${s.path}:${s.line}`, '|', (s as any).msg.slice(0, 150));
}
