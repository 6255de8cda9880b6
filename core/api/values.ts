// Validators of values that many channels share: ids, paths, bounded texts. Pure (zod only).
// Every text is well-formed Unicode (a lone surrogate is refused) and stored in NFC, so two ids that differ only by
// normalisation are the same id; a path holds no control character (a NUL would cut it short under SQLite).
import { z } from 'zod';
import { ILL_FORMED_MESSAGE, isWellFormedText, nfc, pathControlChar } from '../domain/strings';

/** A string of the API: well-formed, then NFC. Stays a ZodString (max, trim, min… still chain). */
const wellFormed = () => z.string().refine(isWellFormedText, { message: ILL_FORMED_MESSAGE, abort: true }).overwrite(nfc);

export const id = wellFormed().min(1).max(200);
export const docId = z.string().min(1).max(100).refine(isWellFormedText, ILL_FORMED_MESSAGE);
export const path = z
  .string()
  .min(1, 'Le chemin du fichier est vide.')
  .max(4096)
  .superRefine((p, ctx) => {
    const c = pathControlChar(p);
    if (c !== null) {
      ctx.addIssue({
        code: 'custom',
        message: `le chemin du fichier contient un caractère de contrôle (${c}), interdit dans un nom de fichier : choisissez un autre nom`,
        abort: true,
      });
    } else if (!isWellFormedText(p)) {
      ctx.addIssue({ code: 'custom', message: `le chemin du fichier est un ${ILL_FORMED_MESSAGE}`, abort: true });
    }
  });
export const text = (max: number) => wellFormed().max(max);
export const year = z.number().int().min(1990).max(2100);
export const finite = z.number().finite();
export const empty = z.strictObject({});
export const docInput = z.strictObject({ docId });
