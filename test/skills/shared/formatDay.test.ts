import assert from 'node:assert/strict';
import { formatDay } from '../../../skills/shared/format';

describe('skills: dates as a person reads them', () => {
  const TODAY = '2026-11-26';
  const table: [iso: string, today: string, expected: string][] = [
    ['2026-11-26', TODAY, 'Thursday, November 26'],
    ['2026-12-17', TODAY, 'Thursday, December 17'],
    ['2026-12-31', TODAY, 'Thursday, December 31'],
    // another year: always with the year, however near
    ['2027-01-02', TODAY, 'Saturday, January 2, 2027'],
    ['2027-03-03', TODAY, 'Wednesday, March 3, 2027'],
    ['2028-11-25', TODAY, 'Saturday, November 25, 2028'],
    ['2025-12-30', '2026-01-02', 'Tuesday, December 30, 2025'],
    // same year but more than about 3 months away: with the year
    ['2026-02-20', '2026-01-05', 'Friday, February 20'],
    ['2026-04-10', '2026-01-05', 'Friday, April 10, 2026'],
    ['2026-08-01', '2026-11-26', 'Saturday, August 1, 2026'],
    ['2026-10-27', TODAY, 'Tuesday, October 27'],
  ];
  for (const [iso, today, expected] of table) it(`${iso} (today ${today}) → "${expected}"`, () => assert.equal(formatDay(iso, today), expected));
});
