// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${…} here are electron-builder's artifact-name macros, not JavaScript templates.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Configuration, TargetConfiguration } from 'app-builder-lib';
import { describe, expect, it } from 'vitest';
import { PORTABLE_MARKER } from '../../../electron/core/paths.ts';
import {
  afterPackModule,
  INSTALLER_CONFIG,
  loadConfig,
  PORTABLE_CONFIG,
  ROOT,
  rawConfig,
  requireFromBuilder,
  validateConfig,
} from './helpers.ts';

/** Every target a platform section names, with its architectures. */
function targetsOf(section: { target?: unknown } | null | undefined): Array<{ target: string; arch: string[] }> {
  const list = section?.target;
  const items = (Array.isArray(list) ? list : list == null ? [] : [list]) as Array<string | TargetConfiguration>;
  return items.map((item) =>
    typeof item === 'string'
      ? { target: item, arch: [] }
      : {
          target: item.target,
          arch: (Array.isArray(item.arch) ? item.arch : item.arch ? [item.arch] : []) as string[],
        },
  );
}

describe('the electron-builder configuration', () => {
  it.each([INSTALLER_CONFIG, PORTABLE_CONFIG])(
    '%s loads the way the electron-builder CLI loads it and passes its schema',
    async (file) => {
      const config = await loadConfig(file);
      await expect(validateConfig(config)).resolves.toBeUndefined();
    },
  );

  it('is really checked by that schema: a misspelt option is rejected', async () => {
    const config = await loadConfig(INSTALLER_CONFIG);
    const broken = { ...config, nsis: { ...config.nsis, perMachin: false } } as Configuration;
    await expect(validateConfig(broken)).rejects.toThrow(/perMachin|nsis/);
  });

  it('names the product, the id and the copyright, with ASCII artifact names', () => {
    const config = rawConfig(INSTALLER_CONFIG);
    expect(config.productName).toBe('党支部工作台账');
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/);
    expect(config.copyright).toMatch(/Copyright ©/);
    expect(config.directories).toEqual({ output: 'release', buildResources: 'build' });
    expect(config.artifactName).toBe('branch-ledger-${version}-${os}-${arch}.${ext}');
  });

  it('builds every target of issue 8: NSIS for Windows, deb and AppImage for Linux, dmg for macOS, x64 and arm64', () => {
    const config = rawConfig(INSTALLER_CONFIG);
    expect(targetsOf(config.win)).toEqual([{ target: 'nsis', arch: ['x64', 'arm64'] }]);
    expect(targetsOf(config.linux)).toEqual([
      { target: 'deb', arch: ['x64', 'arm64'] },
      { target: 'AppImage', arch: ['x64', 'arm64'] },
    ]);
    expect(targetsOf(config.mac)).toEqual([{ target: 'dmg', arch: ['x64', 'arm64'] }]);
  });

  it('builds the portable edition as a .zip per architecture with the marker beside the executable', () => {
    const portable = rawConfig(PORTABLE_CONFIG);
    expect(targetsOf(portable.win)).toEqual([{ target: 'zip', arch: ['x64', 'arm64'] }]);
    expect(portable.win?.artifactName).toBe('branch-ledger-${version}-${os}-${arch}-portable.${ext}');
    expect(portable.win?.extraFiles).toEqual([{ from: 'build/portable.txt', to: PORTABLE_MARKER }]);
    expect(existsSync(path.join(ROOT, 'build', 'portable.txt'))).toBe(true);
    expect(afterPackModule.declaresPortableMarker(portable)).toBe(true);
    // Everything else is the installer's configuration.
    const installer = rawConfig(INSTALLER_CONFIG);
    expect({ ...portable, win: undefined }).toEqual({ ...installer, win: undefined });
  });

  it('never ships the portable marker with the installer (an installed app would keep its ledger in the program folder)', () => {
    const installer = rawConfig(INSTALLER_CONFIG);
    expect(afterPackModule.declaresPortableMarker(installer)).toBe(false);
    expect(JSON.stringify(installer)).not.toContain(PORTABLE_MARKER);
  });

  it('flips the fuses of issue 8', () => {
    expect(rawConfig(INSTALLER_CONFIG).electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
      resetAdHocDarwinSignature: true,
    });
  });

  it('rebuilds better-sqlite3 from source for each target, unpacks native modules and checks every package', () => {
    const config = rawConfig(INSTALLER_CONFIG);
    expect(config.npmRebuild).toBe(true);
    expect(config.buildDependenciesFromSource).toBe(true);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(['**/*.node']);
    expect(config.afterPack).toBe(afterPackModule.afterPack);
    expect(config.publish).toBeNull();
  });

  it('installs per user with a Chinese assisted installer that keeps the ledger', () => {
    const nsis = rawConfig(INSTALLER_CONFIG).nsis;
    expect(nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowElevation: false,
      selectPerMachineByDefault: false,
      allowToChangeInstallationDirectory: true,
      createDesktopShortcut: true,
      createStartMenuShortcut: true,
      shortcutName: '党支部工作台账',
      deleteAppDataOnUninstall: false,
      include: 'build/installer.nsh',
      language: '2052',
      installerLanguages: ['zh_CN'],
      buildUniversalInstaller: false,
    });
    expect(nsis?.multiLanguageInstaller).not.toBe(false); // false would fall back to an English-only installer
    for (const icon of [nsis?.installerIcon, nsis?.uninstallerIcon, rawConfig(INSTALLER_CONFIG).win?.icon]) {
      expect(icon && existsSync(path.join(ROOT, icon)), String(icon)).toBe(true);
    }
  });

  it('ships macOS unsigned, with the entitlements ready in build/', () => {
    const mac = rawConfig(INSTALLER_CONFIG).mac;
    expect(mac?.identity).toBeNull();
    expect(mac?.hardenedRuntime).toBe(false);
    for (const file of [mac?.entitlements, mac?.entitlementsInherit, mac?.icon]) {
      expect(file && existsSync(path.join(ROOT, file)), String(file)).toBe(true);
    }
  });

  it('gives every artifact a distinct ASCII file name', () => {
    interface Expander {
      expandMacro(pattern: string, arch: string | null, appInfo: object, extra: object): string;
    }
    const { expandMacro } = requireFromBuilder('./out/util/macroExpander.js') as Expander;
    const { getArtifactArchName, archFromString } = requireFromBuilder('builder-util') as {
      getArtifactArchName(arch: number, ext: string): string;
      archFromString(name: string): number;
    };
    const installer = rawConfig(INSTALLER_CONFIG);
    const portable = rawConfig(PORTABLE_CONFIG);
    const appInfo = { version: '0.1.0', productName: '党支部工作台账', sanitizedProductName: '党支部工作台账' };
    const name = (pattern: string | null | undefined, os: string, arch: string, ext: string) =>
      expandMacro(pattern ?? '', getArtifactArchName(archFromString(arch), ext), appInfo, { os, ext });
    const names: string[] = [];
    for (const arch of ['x64', 'arm64']) {
      names.push(name(installer.nsis?.artifactName, 'win', arch, 'exe'));
      names.push(name(portable.win?.artifactName, 'win', arch, 'zip'));
      names.push(name(installer.artifactName, 'linux', arch, 'deb'));
      names.push(name(installer.artifactName, 'linux', arch, 'AppImage'));
      names.push(name(installer.artifactName, 'mac', arch, 'dmg'));
    }
    expect(names).toContain('branch-ledger-0.1.0-win-x64-setup.exe');
    expect(names).toContain('branch-ledger-0.1.0-win-arm64-portable.zip');
    expect(names).toContain('branch-ledger-0.1.0-linux-amd64.deb');
    expect(names).toContain('branch-ledger-0.1.0-linux-x86_64.AppImage');
    expect(names).toContain('branch-ledger-0.1.0-mac-arm64.dmg');
    for (const file of names)
      expect(file).toMatch(/^branch-ledger-0\.1\.0-(win|linux|mac)-[a-z0-9_]+(-setup|-portable)?\.\w+$/);
    expect(new Set(names).size).toBe(names.length);
  });

  it('offers npm run dist, and builds the portable edition with the Windows installer', () => {
    const scripts = (
      JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    ).scripts;
    expect(scripts.dist).toMatch(
      /electron\/launch\/build\.mjs --renderer --for-packaging && electron-builder --config electron-builder\.cjs --publish never$/,
    );
    expect(scripts['dist:win']).toContain('npm run dist -- --win');
    expect(scripts['dist:win']).toContain('--config electron-builder.portable.cjs');
    expect(scripts['dist:linux']).toContain('--linux');
    expect(scripts['dist:mac']).toContain('--mac');
  });
});

describe('the Linux desktop entry, as electron-builder writes it', () => {
  it('has the Chinese name, a Chinese comment, the Office category and our executable', async () => {
    const config = rawConfig(INSTALLER_CONFIG);
    const { LinuxTargetHelper } = requireFromBuilder('./out/targets/LinuxTargetHelper.js') as {
      LinuxTargetHelper: new (
        packager: object,
      ) => { computeDesktopEntry(options: object, exec?: string, extra?: object): Promise<string> };
    };
    const linux = config.linux ?? {};
    const packager = {
      appInfo: { productName: config.productName, sanitizedProductName: config.productName, description: 'x' },
      executableName: linux.executableName,
      info: { metadata: { ...config.extraMetadata } },
      platformSpecificBuildOptions: linux,
      fileAssociations: [],
      config,
    };
    const helper = new LinuxTargetHelper(packager);
    const entry = await helper.computeDesktopEntry({ ...linux, ...config.deb });
    const lines = entry.split('\n');
    expect(lines).toContain('Name=党支部工作台账');
    expect(lines).toContain('Name[zh_CN]=党支部工作台账');
    expect(lines.find((l) => l.startsWith('Comment='))).toMatch(/^Comment=离线记录党支部“三会一课”/);
    expect(lines.find((l) => l.startsWith('Comment[zh_CN]='))).toMatch(/^Comment\[zh_CN\]=离线记录/);
    expect(lines).toContain('Categories=Office;');
    expect(lines).toContain('Exec="/opt/党支部工作台账/branch-ledger" %U');
    expect(lines).toContain('Icon=branch-ledger');
    expect(lines).toContain('StartupWMClass=branch-ledger');
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      expect(existsSync(path.join(ROOT, 'build', 'icons', `${size}x${size}.png`)), `${size}x${size}.png`).toBe(true);
    }
  });
});
