import { expect, it } from 'vitest';
import { ScoreLog } from '@thidua/api/src/modules/leaderboards/score-log';

/*
 * The log cached boards catch up from (issue 17): which units changed after a board's version,
 * each once; null when the log no longer reaches back (the board is then ranked again); versions
 * never repeat, even for a movement whose log was dropped.
 */

it('gives the units changed after a version, each once, and the version as of a replica point', () => {
  const log = new ScoreLog();
  const start = log.version('m1');
  log.add('m1', [1, 2], 1_000);
  const afterFirst = log.version('m1');
  log.add('m1', [2, 3], 2_000);
  log.add('m2', [9], 2_500);
  log.add('m1', [4], 3_000);
  expect(log.since('m1', start)!.sort()).toEqual([1, 2, 3, 4]);
  expect(log.since('m1', afterFirst)!.sort()).toEqual([2, 3, 4]);
  expect(log.since('m1', log.version('m1'))).toEqual([]);
  // a replica that replayed up to 2,000 ms holds the first two changes, not the third
  expect(log.since('m1', log.versionAt('m1', 2_000))).toEqual([4]);
  expect(log.versionAt('m1', 500)).toBe(start);
  // another movement's changes are its own
  expect(log.since('m2', log.versionAt('m2', 0))).toEqual([9]);
});

it('answers null for a board older than what the log keeps, and never reuses a version', () => {
  const log = new ScoreLog();
  const old = log.version('m');
  for (let i = 0; i < 2_100; i++) log.add('m', [i]);
  // the oldest changes were dropped: a board from before them is ranked again
  expect(log.since('m', old)).toBeNull();
  const recent = log.version('m');
  log.add('m', [7]);
  expect(log.since('m', recent)).toEqual([7]);
  // many unit ids in few changes are bounded too
  const wide = new ScoreLog();
  const before = wide.version('w');
  wide.add('w', Array.from({ length: 40_000 }, (_, i) => i));
  wide.add('w', Array.from({ length: 40_000 }, (_, i) => i));
  expect(wide.since('w', before)).toBeNull();
  // versions only grow, across movements
  const a = log.version('a');
  log.add('b', [1]);
  expect(log.version('b')).toBeGreaterThan(a);
});
