// The small markup of the preamble and the governance text (documented in the « Protocole » screen):
//   - paragraphs separated by an empty line (lines of one paragraph are joined);
//   - **gras** and *italique*;
//   - list items on lines that start with « - ».
// Anything else that looks like markup (titles « # », quotes « > », numbered lists, links, HTML tags, code « ` »,
// « _ » or « ~~ » emphasis, an unclosed « ** » or « * ») is refused with a French message naming its line.
import { TrameError } from '../../api/result';
import type { Block, Run } from './model-types';

export interface MarkupProblem { line: number; message: string }

const UNSUPPORTED: { re: RegExp; what: string }[] = [
  { re: /^\s*#{1,6}\s/, what: 'les titres « # » ne sont pas pris en charge (les titres des parties sont faits par Trame)' },
  { re: /^\s*>/, what: 'les citations « > » ne sont pas prises en charge' },
  { re: /^\s*\d+[.)]\s/, what: 'les listes numérotées ne sont pas prises en charge : commencez la ligne par « - »' },
  { re: /^\s*[*+]\s/, what: 'une puce s’écrit « - » en début de ligne (pas « * » ni « + »)' },
  { re: /\[[^\]]*\]\([^)]*\)/, what: 'les liens « [texte](adresse) » ne sont pas pris en charge' },
  { re: /<\/?[a-zA-Z][^>]*>/, what: 'les balises HTML ne sont pas prises en charge' },
  { re: /`/, what: 'le code « ` » n’est pas pris en charge' },
  { re: /~~/, what: 'le barré « ~~ » n’est pas pris en charge' },
  { re: /(^|\s)__?\S/, what: 'l’emphase « _ » n’est pas prise en charge : écrivez *italique* ou **gras**' },
];

/** Inline runs of one line: **bold**, *italic*; an unclosed mark is a problem. */
function inline(text: string, line: number, problems: MarkupProblem[]): Run[] {
  const runs: Run[] = [];
  let bold = false;
  let italic = false;
  let buf = '';
  const flush = () => {
    if (buf) runs.push({ text: buf, ...(bold ? { bold } : {}), ...(italic ? { italic } : {}) });
    buf = '';
  };
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '*' && text[i + 1] === '*') {
      flush();
      bold = !bold;
      i++;
    } else if (text[i] === '*') {
      flush();
      italic = !italic;
    } else buf += text[i];
  }
  flush();
  if (bold) problems.push({ line, message: `ligne ${line} : « ** » ouvert sans être fermé (le gras s’écrit **texte**)` });
  if (italic) problems.push({ line, message: `ligne ${line} : « * » ouvert sans être fermé (l’italique s’écrit *texte*)` });
  return runs;
}

/** Parses the markup; returns the blocks and the problems (empty when the text is accepted). */
export function parseMarkup(source: string): { blocks: Block[]; problems: MarkupProblem[] } {
  const problems: MarkupProblem[] = [];
  const blocks: Block[] = [];
  let para: { text: string; line: number } | null = null;
  let list: Run[][] | null = null;
  const endPara = () => {
    if (para) blocks.push({ kind: 'para', runs: inline(para.text, para.line, problems) });
    para = null;
  };
  const endList = () => {
    if (list) blocks.push({ kind: 'list', items: list });
    list = null;
  };
  source.replace(/\r\n?/g, '\n').split('\n').forEach((raw, i) => {
    const line = i + 1;
    const text = raw.trim();
    if (!text) {
      endPara();
      endList();
      return;
    }
    for (const u of UNSUPPORTED) if (u.re.test(raw)) problems.push({ line, message: `ligne ${line} : ${u.what}` });
    const item = /^-\s+(.*)$/.exec(text);
    if (item) {
      endPara();
      (list ??= []).push(inline(item[1], line, problems));
      return;
    }
    endList();
    if (para) para.text += ` ${text}`;
    else para = { text, line };
  });
  endPara();
  endList();
  return { blocks, problems };
}

/** The blocks of an accepted text; a refused one throws with every problem, in French, naming `field`. */
export function markupOrThrow(source: string, field: string): Block[] {
  const { blocks, problems } = parseMarkup(source);
  if (problems.length) {
    throw new TrameError(
      'entree-invalide',
      `${field} : mise en forme non prise en charge (${problems[0].message}). Rien n’a été enregistré.`,
      problems.slice(0, 20).map((p) => p.message),
    );
  }
  return blocks;
}
