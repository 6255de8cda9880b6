// The start screen (« Accueil ») and the application around it: who the user is, « Texte agrandi », the recent
// files, and the demo contrat drawn from the seed documents (a whole contrat to try Trame with, in one click).
import { z } from 'zod';
import { channel, defineContract } from '../../api/registry';
import type { DocInfo } from '../../api/types';
import { empty, path, text } from '../../api/values';

export interface AppInfo {
  mode: 'electron' | 'web';
  version: string;
  userName: string | null;
  /** Folder proposed for new files. */
  defaultDir: string;
  /** « Texte agrandi »: the whole UI in larger text, kept in the settings. */
  largeText: boolean;
}

export interface RecentFile { path: string; name: string; openedAt: string; exists: boolean }

export const startContract = defineContract('start', {
  'app.info': channel<AppInfo>()(empty),
  'settings.setUserName': channel<AppInfo>()(
    z.strictObject({ name: text(100).trim().min(1, 'Votre nom est obligatoire.') }),
  ),
  'settings.setLargeText': channel<AppInfo>()(z.strictObject({ on: z.boolean() })),
  'recent.list': channel<RecentFile[]>()(empty),
  'recent.forget': channel<RecentFile[]>()(z.strictObject({ path })),
  'contrat.createDemo': channel<DocInfo>()(z.strictObject({ path })),
});
