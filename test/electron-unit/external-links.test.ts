import { describe, expect, it } from 'vitest';
import { isPublicHostName, MAX_EXTERNAL_URL_LENGTH, parseExternalUrl } from '../../electron/external-links';

describe('parseExternalUrl', () => {
  it.each([
    'https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000049237282',
    'http://example.com',
    'https://sig.ville.gouv.fr/territoire/QN01234M?onglet=emploi#chiffres',
    'https://www.insee.fr:443/fr/statistiques',
    'HTTPS://Example.COM/Path',
    'https://préfecture.gouv.fr/', // Latin IDN (xn--prfecture-c4a)
    'https://xn--prfecture-c4a.gouv.fr/',
    'https://agence-cohesion-territoires.gouv.fr/politique-de-la-ville-97',
  ])('accepts %s', (raw) => {
    const url = parseExternalUrl(raw);
    expect(url).toBeInstanceOf(URL);
    expect(['http:', 'https:']).toContain(url!.protocol);
  });

  it.each([
    ['javascript: scheme', 'javascript:alert(1)'],
    ['javascript: upper case', 'JAVASCRIPT:alert(document.cookie)'],
    ['javascript hidden by a tab', 'java\tscript:alert(1)'],
    ['file: URL', 'file:///etc/passwd'],
    ['file: Windows', 'file://C:/Windows/System32/calc.exe'],
    ['data: URL', 'data:text/html,<script>alert(1)</script>'],
    ['data: base64', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
    ['vbscript:', 'vbscript:msgbox(1)'],
    ['blob:', 'blob:https://example.com/0b7c2b4a'],
    ['ftp:', 'ftp://example.com/file'],
    ['smb share', 'smb://server/share'],
    ['custom handler', 'ms-msdt:/id PCWDiagnostic'],
    ['our own app scheme', 'app://trame/index.html'],
    ['credentials', 'https://user:pw@host.example.com'],
    ['user name only', 'https://user@example.com'],
    ['empty user info', 'https://@example.com'],
    ['host hidden after @', 'https://legifrance.gouv.fr@evil.example/'],
    ['backslash trick', 'https://evil.example\\@good.example/'],
    ['space in host', 'http://exa mple.com'],
    ['leading space', ' https://example.com'],
    ['newline', 'https://example.com/\nX'],
    ['NUL', 'https://example.com/\u0000'],
    ['non-breaking space', 'https://example.com/\u00a0'],
    ['zero-width space', 'https://exa\u200bmple.com'],
    ['scheme-relative', '//example.com/path'],
    ['relative', '/index.html'],
    ['no host', 'https:///path'],
    ['localhost', 'http://localhost:3000/'],
    ['sub.localhost', 'http://app.localhost/'],
    ['IPv4 loopback', 'http://127.0.0.1:8080/'],
    ['IPv4 private', 'http://192.168.1.1/'],
    ['IPv4 decimal', 'http://2130706433/'],
    ['IPv6', 'http://[::1]/'],
    ['single label', 'http://intranet/'],
    ['trailing dot', 'https://example.com./'],
    ['label too long', `https://${'a'.repeat(64)}.com/`],
    ['underscore', 'https://bad_host.example.com/'],
    ['mixed-script look-alike (Cyrillic а + pple)', 'https://xn--pple-43d.com'],
    ['look-alike typed in Unicode', 'https://аpple.com/'],
    ['whole Cyrillic domain', 'https://xn--80ak6aa92e.com/'],
    ['Greek omicron in a Latin word', 'https://g\u03bfogle.com/'],
    ['invalid punycode', 'https://xn--zzzz.com/'],
    ['too long', `https://example.com/${'a'.repeat(MAX_EXTERNAL_URL_LENGTH)}`],
    ['empty', ''],
  ])('refuses %s', (_why, raw) => {
    expect(parseExternalUrl(raw)).toBeNull();
  });

  it('refuses values that are not strings', () => {
    for (const v of [undefined, null, 42, {}, ['https://example.com'], new URL('https://example.com')]) {
      expect(parseExternalUrl(v)).toBeNull();
    }
  });

  it('returns the normalised URL to hand to the OS', () => {
    expect(parseExternalUrl('HTTPS://Example.COM/a/../b?x=1#y')!.href).toBe('https://example.com/b?x=1#y');
  });
});

describe('isPublicHostName', () => {
  it('wants at least two labels and an alphabetic or punycode top level', () => {
    expect(isPublicHostName('example.com')).toBe(true);
    expect(isPublicHostName('ville.xn--p1ai')).toBe(false); // .рф: non-Latin labels are refused everywhere, top level included
    expect(isPublicHostName('com')).toBe(false);
    expect(isPublicHostName('10.0.0.1')).toBe(false);
    expect(isPublicHostName('-bad.com')).toBe(false);
    expect(isPublicHostName('bad-.com')).toBe(false);
  });
});
