import { relativeScoreFusion } from './relative-score-fusion';

describe(relativeScoreFusion.name, () => {
  const item = (id: string, score: number) => ({ id, score });

  it('ranks by the weighted sum of each list’s rescaled scores', () => {
    const fused = relativeScoreFusion(
      [
        { items: [item('a', 0.9), item('b', 0.5), item('c', 0.1)], weight: 0.4 },
        { items: [item('c', 12), item('d', 7), item('a', 2)], weight: 0.6 },
      ],
      (i) => i.id,
    );
    // a: 0.4 * 1 + 0.6 * 0; b: 0.4 * 0.5; c: 0.4 * 0 + 0.6 * 1; d: 0.6 * 0.5.
    expect(fused.map((i) => [i.id, Number(i.score.toFixed(3))])).toEqual([
      ['c', 0.6],
      ['a', 0.4],
      ['d', 0.3],
      ['b', 0.2],
    ]);
  });

  it('lets a score far above the rest outweigh a first rank that barely stands out', () => {
    const fused = relativeScoreFusion(
      [
        { items: [item('flat-1', 0.41), item('flat-2', 0.4), item('answer', 0.39)], weight: 0.4 },
        { items: [item('answer', 9), item('other', 2), item('flat-1', 1.9)], weight: 0.6 },
      ],
      (i) => i.id,
    );
    expect(fused[0]!.id).toBe('answer');
  });

  it('keeps one list in its order when the other is empty, and gives equal scores the full weight', () => {
    const one = [
      { items: [item('x', 3), item('y', 1)], weight: 0.6 },
      { items: [], weight: 0.4 },
    ];
    expect(relativeScoreFusion(one, (i) => i.id).map((i) => i.id)).toEqual(['x', 'y']);
    const tied = relativeScoreFusion([{ items: [item('x', 2), item('y', 2)], weight: 0.5 }], (i) => i.id);
    expect(tied.map((i) => i.score)).toEqual([0.5, 0.5]);
  });
});
