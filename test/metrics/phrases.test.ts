import { describe, expect, it } from 'vitest';
import { normalizeText, phraseMatcher } from '../../src/metrics/phrases.js';

describe('phraseMatcher', () => {
  const m = phraseMatcher(['no entendí', 'good', '不明白', "don't understand"]);
  it.each([
    ['accents folded both ways', 'No entendi nada', 1],
    ['word boundaries: good is not in goodbye', 'goodbye', 0],
    ['punctuation is a boundary', 'good, very good!', 2],
    ['Chinese as substring', '我不明白你的意思，不明白', 2],
    ['curly apostrophes', 'I don’t understand', 1],
  ])('%s', (_n, text, hits) => {
    expect(m(text)).toBe(hits);
  });
  it('normalizes case and accents', () => expect(normalizeText('¿Podría REFORMULAR?')).toBe('¿podria reformular?'));
});
