// The application itself: who the user is, the recent files. Nothing of a contrat here.
import { z } from 'zod';
import { channel, defineContract } from '../../api/registry';
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

export const appContract = defineContract('app', {
  'app.info': channel<AppInfo>()(empty),
  'settings.setUserName': channel<AppInfo>()(
    z.strictObject({ name: text(100).trim().min(1, 'Votre nom est obligatoire.') }),
  ),
  'settings.setLargeText': channel<AppInfo>()(z.strictObject({ on: z.boolean() })),
  'recent.list': channel<RecentFile[]>()(empty),
  'recent.forget': channel<RecentFile[]>()(z.strictObject({ path })),
});
