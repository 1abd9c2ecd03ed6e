import { describe, expect, it } from 'vitest';
import { MIN_CONFIRMATION_SAMPLE, confirmationPlausibility, confirmedShare, satisfaction } from './metrics';

describe('satisfaction and confirmed share', () => {
  it('need a minimum sample before a unit is ranked', () => {
    expect(MIN_CONFIRMATION_SAMPLE).toBe(5);
    expect(satisfaction({ assists: 10, confirmed: 4, ratingSum: 20 })).toBeNull();
    expect(satisfaction({ assists: 10, confirmed: 5, ratingSum: 22 })).toBeCloseTo(4.4);
    expect(confirmedShare({ assists: 4, confirmed: 4, ratingSum: 20 })).toBeNull();
    expect(confirmedShare({ assists: 8, confirmed: 2, ratingSum: 10 })).toBe(0.25);
  });

  it('rank a unit whose assists are never confirmed at zero, not apart', () => {
    expect(confirmedShare({ assists: 40, confirmed: 0, ratingSum: 0 })).toBe(0);
    expect(satisfaction({ assists: 40, confirmed: 0, ratingSum: 0 })).toBeNull();
  });
});

describe('confirmation plausibility', () => {
  it('flags a unit far below the rest of its commune', () => {
    const unit = { assists: 40, confirmed: 4, ratingSum: 16 };
    const commune = { assists: 140, confirmed: 64, ratingSum: 250 }; // the rest: 60 of 100
    const p = confirmationPlausibility(unit, commune)!;
    expect(p.unitShare).toBe(0.1);
    expect(p.areaShare).toBe(0.6);
    expect(p.flagged).toBe(true);
  });

  it('does not flag a unit near its commune, or where the commune confirms little', () => {
    expect(confirmationPlausibility({ assists: 40, confirmed: 20, ratingSum: 80 }, { assists: 140, confirmed: 80, ratingSum: 300 })!.flagged).toBe(false);
    expect(confirmationPlausibility({ assists: 40, confirmed: 0, ratingSum: 0 }, { assists: 140, confirmed: 10, ratingSum: 40 })!.flagged).toBe(false);
  });

  it('says nothing on small samples, and leaves the unit out of its commune', () => {
    expect(confirmationPlausibility({ assists: 9, confirmed: 0, ratingSum: 0 }, { assists: 100, confirmed: 80, ratingSum: 300 })).toBeNull();
    // the commune is only this unit: nothing to compare with
    expect(confirmationPlausibility({ assists: 50, confirmed: 1, ratingSum: 5 }, { assists: 50, confirmed: 1, ratingSum: 5 })).toBeNull();
  });
});
