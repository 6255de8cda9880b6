// Validators of values that many channels share: ids, paths, bounded texts. Pure (zod only).
import { z } from 'zod';

export const id = z.string().min(1).max(200);
export const docId = z.string().min(1).max(100);
export const path = z.string().min(1, 'Le chemin du fichier est vide.').max(4096);
export const text = (max: number) => z.string().max(max);
export const year = z.number().int().min(1990).max(2100);
export const finite = z.number().finite();
export const empty = z.strictObject({});
export const docInput = z.strictObject({ docId });
