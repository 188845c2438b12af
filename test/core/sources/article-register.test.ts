import { describe, expect, it } from 'vitest';
import { ArticleRegister } from '../../../src/core/sources/article-register.ts';

const paragraph = (n: number) => `Paragraph ${n} says something long enough to be compared, about topic ${n}.`;
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => paragraph(from + i));

describe('ArticleRegister', () => {
  it('names the articles holding at least 80% of a text\'s compared paragraphs, and no others', () => {
    const register = new ArticleRegister();
    register.add({ id: 'a', paragraphs: range(0, 10) });
    register.add({ id: 'b', paragraphs: range(5, 15) });
    register.add({ id: 'short', paragraphs: ['Too short to compare.', ...range(100, 101)] });
    expect(register.candidates(range(0, 10))).toEqual(['a']);
    expect(register.candidates([...range(0, 8), ...range(50, 52)])).toEqual(['a']);
    expect(register.candidates([...range(0, 7), ...range(50, 53)])).toEqual([]);
    expect(register.candidates(['Too short to compare.'])).toEqual([]);
  });

  it('answers for an article registered again with its new paragraphs, before and after it is stored and read back', () => {
    const register = new ArticleRegister();
    register.add({ id: 'a', paragraphs: range(0, 10) });
    register.add({ id: 'b', paragraphs: range(20, 30) });
    register.data();
    register.add({ id: 'a', paragraphs: range(40, 50) });
    register.add({ id: 'c', paragraphs: range(60, 70) });
    const expectations = (r: ArticleRegister) => {
      expect(r.candidates(range(0, 10))).toEqual([]);
      expect(r.candidates(range(40, 50))).toEqual(['a']);
      expect(r.candidates(range(20, 30))).toEqual(['b']);
      expect(r.candidates(range(60, 70))).toEqual(['c']);
      expect(r.size).toBe(3);
    };
    expectations(register);
    const data = register.data();
    expect(data.ids).toEqual(['b', 'a', 'c']);
    expectations(register);
    expectations(new ArticleRegister(ArticleRegister.check({ ids: [...data.ids], postings: data.postings.slice() })!));
    expect(ArticleRegister.check({ ids: ['x'], postings: new Uint32Array([5, 0, 4, 0]) })).toBeNull();
    expect(ArticleRegister.check({ ids: ['x'], postings: new Uint32Array([5, 1]) })).toBeNull();
  });
});
