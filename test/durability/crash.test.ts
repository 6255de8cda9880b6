// Every acknowledged edit survives a SIGKILL, and the file stays sound. Issue 3: at least 200 cycles in CI.
import { describe, expect, it } from 'vitest';
import { tmpDir } from '../helpers/tmp';
import { corruptingCycles, crashCycles } from './crash';

describe('crash safety (SIGKILL at a random moment)', () => {
  // 200 in `npm test`; `npm run stress` sets TRAME_CRASH_CYCLES higher.
  const cycles = Math.max(200, Number(process.env.TRAME_CRASH_CYCLES ?? 200));

  it(`${cycles} kill/reopen cycles: no acknowledged edit lost, no corruption`, async () => {
    const r = await crashCycles(tmpDir(), cycles);
    console.log(`crash-cycles: ${r.cycles}, lost: ${r.lost}, corrupt: ${r.corrupt} (${r.acked} éditions acquittées)`);
    expect(r.cycles).toBe(cycles);
    expect(r.acked).toBeGreaterThan(200);
    expect(r.lost).toBe(0);
    expect(r.corrupt).toBe(0);
  }, 3_600_000);

  it('negative control: a writer that acknowledges before committing is caught losing edits', async () => {
    const r = await crashCycles(tmpDir(), 40, true);
    console.log(`crash-negative-control: ${r.cycles} cycles, lost: ${r.lost}`);
    expect(r.lost).toBeGreaterThan(0);
  }, 300_000);

  // The second negative control: the check sees a damaged file, not only a missing edit.
  for (const mode of ['--scribble', '--truncate'] as const) {
    it(`negative control: a writer that damages the file (${mode.slice(2)}) before being killed is caught corrupting it`, async () => {
      const r = await corruptingCycles(tmpDir(), 3, mode);
      console.log(`crash-corrupt-control (${mode.slice(2)}): ${r.cycles} cycles, corrupt: ${r.corrupt}`);
      expect(r.cycles).toBe(3);
      expect(r.corrupt).toBe(3);
    }, 300_000);
  }
});
