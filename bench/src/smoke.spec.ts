import { BENCHMARKS } from './benchmarks';

// Each benchmark at tiny sizes, so none of them rots between real runs. Targets are
// not asserted here (timed assertions belong to `npm run bench`); what must hold is
// that every benchmark completes its work without errors and measures real numbers.
describe.each(BENCHMARKS.map((b) => [b.name, b] as const))('benchmark %s (smoke)', (_, benchmark) => {
  it('runs end to end and reports finite figures next to its baseline', async () => {
    const outcome = await benchmark.run({ size: { smoke: true } });
    expect(outcome.errors).toBe(0);
    expect(outcome.figures.length).toBeGreaterThan(0);
    for (const figure of outcome.figures) {
      expect(Number.isFinite(figure.platform)).toBe(true);
      if (figure.baseline !== undefined) expect(figure.baseline).toBeGreaterThan(0);
    }
    expect(outcome.targets.every((t) => typeof t.met === 'boolean' && t.observed.length > 0)).toBe(true);
  });
});
