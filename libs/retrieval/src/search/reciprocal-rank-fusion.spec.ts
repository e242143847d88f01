import { reciprocalRankFusion } from './reciprocal-rank-fusion';

describe(reciprocalRankFusion.name, () => {
  const item = (id: string, score = 1) => ({ id, score });

  it('ranks items found by both retrievers above items found by one', () => {
    const fused = reciprocalRankFusion(
      [
        [item('a'), item('b'), item('c')],
        [item('c'), item('d'), item('a')],
      ],
      (i) => i.id,
    );
    expect(fused.map((i) => i.id)).toEqual(['a', 'c', 'b', 'd']);
    expect(fused[0]!.score).toBeCloseTo(1 / 61 + 1 / 63);
  });

  it('keeps one list as it is', () => {
    expect(reciprocalRankFusion([[item('x'), item('y')], []], (i) => i.id).map((i) => i.id)).toEqual(['x', 'y']);
  });
});
