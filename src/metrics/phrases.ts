// Phrase lists and a small sentiment lexicon for the text signals, in English, Spanish and Chinese (METRICS.md §4).
// Lower case, accents kept (text is matched after lower-casing and accent folding, so "entendí" and "entendi" both hit).
// Users extend them through settings (`rephrasePhrases`, `solutionPhrases`, `positiveWords`, `negativeWords`).

/** Someone asks to rephrase or says they did not understand. */
export const REPHRASE_PHRASES: readonly string[] = [
  // en
  'could you rephrase', 'can you rephrase', 'please rephrase', 'rephrase that', 'say that again', 'i don\'t understand',
  'i do not understand', 'i didn\'t understand', 'i did not understand', 'didn\'t get that', 'what do you mean',
  'not sure what you mean', 'could you clarify', 'can you clarify', 'i\'m confused', 'i am confused', 'come again',
  // es
  'no entiendo', 'no entendí', 'no le entiendo', 'no te entiendo', 'puede reformular', 'puedes reformular',
  'podría reformular', 'reformule', 'repita', 'repítelo', 'puede repetir', 'puedes repetir', 'qué quiere decir',
  'qué quieres decir', 'a qué se refiere', 'no me queda claro',
  // zh
  '我不明白', '不明白', '没明白', '不懂', '听不懂', '看不懂', '请再说一遍', '再说一遍', '什么意思', '请重新表述', '换个说法',
];

/** The customer confirms the solution worked. */
export const SOLUTION_PHRASES: readonly string[] = [
  // en
  'that worked', 'it worked', 'it works', 'works now', 'working now', 'that fixed it', 'fixed it', 'problem solved',
  'issue resolved', 'that solved', 'that did it', 'that did the trick', 'all good now', 'perfect, thanks', 'sorted, thanks',
  // es
  'ya funciona', 'funcionó', 'ya está', 'ya quedó', 'quedó resuelto', 'problema resuelto', 'se solucionó',
  'ya se solucionó', 'eso funcionó', 'ahora funciona', 'perfecto, gracias', 'resuelto, gracias',
  // zh
  '解决了', '已解决', '问题解决', '可以了', '好了', '成功了', '没问题了', '能用了',
];

export const POSITIVE_WORDS: readonly string[] = [
  // en
  'thanks', 'thank', 'great', 'good', 'perfect', 'awesome', 'excellent', 'helpful', 'happy', 'love', 'appreciate', 'nice',
  'wonderful', 'amazing', 'glad', 'resolved', 'works', 'worked', 'fantastic', 'brilliant',
  // es
  'gracias', 'genial', 'perfecto', 'excelente', 'bueno', 'buena', 'feliz', 'encantado', 'encantada', 'agradezco',
  'maravilloso', 'estupendo', 'funciona', 'resuelto', 'amable',
  // zh
  '谢谢', '感谢', '太好了', '很好', '满意', '完美', '棒', '开心', '不错', '有帮助', '解决了',
];

export const NEGATIVE_WORDS: readonly string[] = [
  // en
  'bad', 'terrible', 'awful', 'angry', 'frustrated', 'frustrating', 'annoyed', 'annoying', 'useless', 'worst', 'hate',
  'disappointed', 'ridiculous', 'unacceptable', 'broken', 'waiting', 'still', 'wrong', 'problem', 'never', 'horrible',
  // es
  'malo', 'mala', 'terrible', 'horrible', 'enojado', 'enfadado', 'frustrado', 'frustrada', 'molesto', 'inútil', 'peor',
  'odio', 'decepcionado', 'decepcionada', 'inaceptable', 'roto', 'problema', 'nunca', 'esperando', 'todavía',
  // zh
  '糟糕', '生气', '失望', '太差', '很差', '垃圾', '没用', '不满', '投诉', '还是不行', '问题', '等了', '烦',
];

/** Lower case, accents folded (NFD without combining marks): matching is forgiving of typing without accents. */
export function normalizeText(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/[’‘]/g, "'");
}

const CJK = /[\u3400-\u9fff]/u;

/**
 * A matcher for a phrase list. Latin phrases match on word boundaries ("good" not in "goodbye"); Chinese phrases
 * match as substrings, since Chinese has no spaces between words.
 */
export function phraseMatcher(phrases: readonly string[]): (text: string) => number {
  const latin: string[] = [];
  const cjk: string[] = [];
  for (const p of phrases) (CJK.test(p) ? cjk : latin).push(normalizeText(p));
  const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = latin.length > 0 ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${latin.map(escape).join('|')})(?![\\p{L}\\p{N}])`, 'gu') : undefined;
  return (text) => {
    const t = normalizeText(text);
    let hits = pattern ? (t.match(pattern)?.length ?? 0) : 0;
    for (const p of cjk) {
      for (let i = t.indexOf(p); i !== -1; i = t.indexOf(p, i + p.length)) hits++;
    }
    return hits;
  };
}
