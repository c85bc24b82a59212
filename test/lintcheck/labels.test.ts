import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fingerprint, matchLabels, readLabels, writeLabels, type Label, type LabelledSite } from '../../lintcheck/labels';
import { addOurs, addPeers, emptyTally, precision } from '../../lintcheck/tally';
import type { OurSite, PeerSite } from '../../lintcheck/tools';

const RULE = 'kitchen-sync/await-in-loop';

function site(line: number, code: string, rule = RULE, file = 'src/a.ts'): LabelledSite {
  return { rule, path: file, line, fingerprint: fingerprint(rule, code) };
}

function label(at: LabelledSite, verdict: Label['verdict'], reason = 'read'): Label {
  return { ...at, verdict, reason };
}

function ours(line: number, code: string, experimental = false, extra: Partial<OurSite> = {}): OurSite {
  return { ...site(line, code), experimental, message: '', endLine: line, locations: [], fixCount: 0, ...extra };
}

describe('lintcheck labels', () => {
  it('fingerprints the rule and the code line with its white space folded, not the line number', () => {
    assert.equal(fingerprint(RULE, '  await  load(id);'), fingerprint(RULE, 'await load(id);'));
    assert.notEqual(fingerprint(RULE, 'await load(id);'), fingerprint('kitchen-sync/sequential-await', 'await load(id);'));
    assert.notEqual(fingerprint(RULE, 'await load(id);'), fingerprint(RULE, 'await load(key);'));
    assert.match(fingerprint(RULE, 'x'), /^[0-9a-f]{10}$/);
  });

  it('finds a label after lines moved, and gives identical lines one label each, nearest first', () => {
    const labels = [label(site(10, 'await load(id);'), 'true', 'first'), label(site(40, 'await load(id);'), 'false', 'second')];
    const moved = [site(43, 'await load(id);'), site(13, 'await load(id);'), site(15, 'await other();')];
    const matching = matchLabels(moved, labels);
    assert.deepEqual(
      matching.labelled.map((m) => [m.site.line, m.label.reason]),
      [
        [43, 'second'],
        [13, 'first'],
      ],
    );
    assert.deepEqual(matching.unlabelled, [site(15, 'await other();')]);
    assert.deepEqual(matching.vanished, []);
  });

  it('reports labels whose finding is gone', () => {
    const gone = label(site(5, 'await gone();'), 'true');
    assert.deepEqual(matchLabels([], [gone]).vanished, [gone]);
  });

  it('writes rows sorted by path and line and reads them back', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'labels-')), 'c.tsv');
    const rows = [label(site(9, 'b', RULE, 'src/b.ts'), '?', ''), label(site(3, 'a'), 'debatable', 'startup only')];
    writeLabels(file, rows);
    assert.equal(
      fs.readFileSync(file, 'utf8'),
      `# rule\tpath\tline\tfingerprint\tverdict\treason\n${RULE}\tsrc/a.ts\t3\t${rows[1].fingerprint}\tdebatable\tstartup only\n${RULE}\tsrc/b.ts\t9\t${rows[0].fingerprint}\t?\t\n`,
    );
    assert.deepEqual(readLabels(file), [rows[1], rows[0]]);
  });

  it('rejects a row with an unknown verdict, naming the line', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'labels-')), 'bad.tsv');
    fs.writeFileSync(file, `# header\n${RULE}\tsrc/a.ts\t3\tabc\tmaybe\twhy\n`);
    assert.throws(() => readLabels(file), /bad\.tsv:2: expected rule, path, line, fingerprint, verdict/);
  });
});

describe('lintcheck tally', () => {
  it('counts verdicts per tier, unread findings, and labelled true findings that are gone', () => {
    const tally = emptyTally();
    const labels = [label(site(1, 'a'), 'true'), label(site(2, 'b'), 'false'), label(site(3, 'c'), 'debatable'), label(site(4, 'gone'), 'true')];
    addOurs(tally, 'app', matchLabels([ours(1, 'a'), ours(2, 'b'), ours(3, 'c', true), ours(5, 'new')], labels));
    const counts = tally.ours.get(RULE);
    assert.deepEqual(counts?.default, { findings: 3, true: 1, false: 1, debatable: 0, unread: 1, lost: 1 });
    assert.deepEqual(counts?.experimental, { findings: 1, true: 0, false: 0, debatable: 1, unread: 0, lost: 0 });
    assert.equal(precision(counts.default), 0.5);
    assert.deepEqual(
      tally.lostTrue.map((l) => [l.corpus, l.label.line]),
      [['app', 4]],
    );
  });

  it('credits a peer true finding to a finding of the matching rule whose range or related locations take in its line', () => {
    const peer = (line: number): PeerSite => ({ ...site(line, `p${line}`, 'eslint/no-await-in-loop'), message: '' });
    const peers = [peer(12), peer(30), peer(50)];
    const labels = peers.map((p) => label(p, 'true'));
    const mine = [ours(10, 'loop', false, { endLine: 14 }), ours(40, 'other', true, { locations: [{ path: 'src/a.ts', line: 30 }] })];
    const tally = emptyTally();
    addPeers(tally, 'app', matchLabels(peers, labels), mine);
    assert.equal(tally.peers.get('eslint/no-await-in-loop')?.covered, 2);
    assert.deepEqual(
      tally.missedPeerTrue.map((m) => m.site.line),
      [50],
    );
  });
});
