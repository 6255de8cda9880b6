import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../core/api/contract';
import { API_CHANNELS, IPC, isApiChannel, isMenuCommand, MENU_COMMANDS } from '../../electron/ipc-channels';

describe('ipc-channels', () => {
  it('lists exactly the channels of the contract', () => {
    expect([...API_CHANNELS].sort()).toEqual([...CHANNELS].sort());
  });
  it('recognises channels and menu commands, nothing else', () => {
    expect(isApiChannel('tree.add')).toBe(true);
    for (const v of ['constructor', '__proto__', 'toString', 'tree', '', 42, null]) expect(isApiChannel(v)).toBe(false);
    expect(isMenuCommand('undo')).toBe(true);
    expect(isMenuCommand('quit')).toBe(false);
    expect(new Set(MENU_COMMANDS).size).toBe(MENU_COMMANDS.length);
  });
  it('uses distinct, namespaced IPC names', () => {
    const names = Object.values(IPC);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n.startsWith('trame:')).toBe(true);
  });
});
