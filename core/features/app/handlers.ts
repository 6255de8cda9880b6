import { existsSync } from 'node:fs';
import type { HandlersOf } from '../../api/registry';
import type { FeatureContext } from '../../session';
import type { AppInfo, RecentFile, appContract } from './contract';

export function appHandlers({ host, settings }: FeatureContext): HandlersOf<typeof appContract> {
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
  };
}
