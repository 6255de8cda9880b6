import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { HandlersOf } from '../../api/registry';
import { newTrameFilePath } from '../../files';
import { parseTrameDocument } from '../../format/schema';
import type { FeatureContext } from '../../session';
import { createFromDocument } from '../files';
import type { AppInfo, RecentFile, startContract } from './contract';
import { demoDocument } from './demo-contrat';

export function startHandlers({ host, settings, docs }: FeatureContext): HandlersOf<typeof startContract> {
  const info = (): AppInfo => ({
    mode: host.mode === 'electron' ? 'electron' : 'web',
    version: host.version,
    userName: settings.userName,
    defaultDir: host.defaultDir,
    largeText: settings.largeText,
  });
  const recent = (): RecentFile[] => settings.recent.map((r) => ({ ...r, exists: existsSync(r.path) }));
  return {
    'app.info': () => info(),
    'settings.setUserName': ({ name }) => {
      settings.setUserName(name);
      return info();
    },
    'settings.setLargeText': ({ on }) => {
      settings.setLargeText(on);
      return info();
    },
    'recent.list': () => recent(),
    'recent.forget': ({ path }) => {
      settings.forgetRecent(path);
      return recent();
    },
    'contrat.createDemo': ({ path }) => {
      const file = newTrameFilePath(path);
      // Each demo contrat is a contrat of its own: a new document id (its items keep the demo's ids).
      createFromDocument(file, { ...parseTrameDocument(demoDocument()), id: randomUUID() });
      return docs.open(file, { justCreated: true }); // written and checked just now (createFile)
    },
  };
}
