// The JSON text of an interchange document: French errors with line, column and excerpt.
import { describe, expect, it } from 'vitest';
import { MAX_JSON_BYTES, locateJsonError, parseTrameDocument, parseTrameJsonText } from '../../core/format/schema';
import { demoDocument, refusal } from './helpers';

describe('parseTrameJsonText', () => {
  const good = JSON.stringify(demoDocument(), null, 2);

  it('parses a valid text, with or without BOM', () => {
    expect(parseTrameDocument(parseTrameJsonText(good))).toEqual(demoDocument());
    expect(parseTrameJsonText(`\uFEFF${good}`)).toEqual(JSON.parse(good));
  });

  it('truncated JSON: French message with line and column', () => {
    const cut = good.slice(0, Math.floor(good.length / 2));
    const err = refusal(() => parseTrameJsonText(cut));
    expect(err.code).toBe('format-invalide');
    expect(err.message).toMatch(/^Le JSON est incomplet : .*\(ligne \d+, colonne \d+\)\. Le fichier est probablement tronqué/);
    const lines = cut.split('\n');
    expect(err.message).toContain(`ligne ${lines.length}, colonne ${lines[lines.length - 1].length + 1}`);
  });

  it('syntax errors give line, column, reason and an excerpt', () => {
    const err = refusal(() => parseTrameJsonText('{\n  "a": 1,\n  "b": [1, 2,],\n}'));
    expect(err.message).toBe("Le fichier n'est pas un JSON valide : virgule en trop avant « ] » (ligne 3, colonne 14).");
    expect(err.details![0]).toBe('ligne 3, colonne 14 : virgule en trop avant « ] »');
    expect(err.details![1]).toBe('    "b": [1, 2,],');
    expect(err.details![2]).toBe('               ^');
    expect(refusal(() => parseTrameJsonText("{'a': 1}")).message).toContain('guillemets doubles');
    expect(refusal(() => parseTrameJsonText('{"a": tru}')).message).toContain('valeur inattendue « tru »');
    expect(refusal(() => parseTrameJsonText('{"a": 1} x')).message).toContain('texte en trop');
    expect(refusal(() => parseTrameJsonText('{"a": "b\nc"}')).message).toContain('caractère de contrôle');
    expect(refusal(() => parseTrameJsonText('{"a": 01}')).message).toContain('nombre mal écrit');
    expect(refusal(() => parseTrameJsonText('   ')).message).toBe('Le fichier est vide : un document JSON Trame est attendu.');
  });

  it('locateJsonError agrees with JSON.parse on valid texts', () => {
    for (const t of [good, '[]', '{}', '"x"', '-1.5e3', '[{"a":[[],{}]},null,true,false]', ' {"\\u00e9\\n":1} ']) {
      expect(locateJsonError(t), t).toBeNull();
    }
  });

  it('refuses more than 200 MB with a clear message', () => {
    const err = refusal(() => parseTrameJsonText(' '.repeat(MAX_JSON_BYTES + 1)));
    expect(err.message).toMatch(/trop volumineux .* au plus 200 Mo/);
  });
});
