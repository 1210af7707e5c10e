import en from '../src/i18n/en.json';
import nl from '../src/i18n/nl.json';

type Tree = { [key: string]: string | Tree };
const keysOf = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`),
  );

describe('web app strings', () => {
  it('has every Dutch string in English and nothing more', () => {
    expect(keysOf(en).sort()).toEqual(keysOf(nl).sort());
  });

  it('has no empty string', () => {
    const empty = (tree: Tree): boolean =>
      Object.values(tree).some((value) => (typeof value === 'string' ? value.trim() === '' : empty(value)));
    expect(empty(nl) || empty(en)).toBe(false);
  });
});
