// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${…} here is NSIS and GitHub Actions syntax, not JavaScript templates.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, requireFromBuilder } from './helpers.ts';

/**
 * .github/workflows/release.yml, parsed with the YAML parser electron-builder itself depends on
 * (js-yaml): a tag runs the tests first, then builds every installer on the right runner.
 */

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  needs?: string | string[];
  'runs-on': string;
  container?: string;
  if?: string;
  permissions?: Record<string, string>;
  strategy?: { matrix: { include: Array<Record<string, string>> } };
  env?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: { push: { tags: string[] } };
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}

const TEXT = readFileSync(path.join(ROOT, '.github', 'workflows', 'release.yml'), 'utf8');
const yaml = requireFromBuilder('js-yaml') as { load(text: string): unknown };
const workflow = yaml.load(TEXT) as Workflow;
const { jobs } = workflow;

const needsOf = (job: Job) => (Array.isArray(job.needs) ? job.needs : job.needs ? [job.needs] : []);
const runs = (job: Job) => job.steps.map((step) => step.run ?? '').join('\n');
const uses = (job: Job) => job.steps.map((step) => step.uses ?? '');

/** Every job a job waits for, directly or not. */
function upstream(name: string): Set<string> {
  const seen = new Set<string>();
  const visit = (n: string) => {
    for (const need of needsOf(jobs[n] as Job)) {
      if (!seen.has(need)) {
        seen.add(need);
        visit(need);
      }
    }
  };
  visit(name);
  return seen;
}

const BUILD_JOBS = Object.entries(jobs).filter(([, job]) => /npm run dist/.test(runs(job)));

describe('the release workflow', () => {
  it('runs on version tags, read-only by default', () => {
    expect(workflow.on.push.tags).toEqual(['v*']);
    expect(workflow.permissions).toEqual({ contents: 'read' });
  });

  it('has a test job that installs the system packages and runs the README commands', () => {
    const test = jobs.test as Job;
    expect(needsOf(test)).toEqual([]);
    const apt =
      runs(test)
        .split('\n')
        .find((line) => line.includes('apt-get install')) ?? '';
    for (const pkg of [
      'chromium',
      'libreoffice-writer-nogui',
      'poppler-utils',
      'fonts-noto-cjk',
      'fonts-arphic-ukai',
    ]) {
      expect(apt.split(/\s+/)).toContain(pkg);
    }
    const commands = test.steps.map((step) => step.run ?? '');
    const install = commands.findIndex((run) => /^npm (ci|install)\b/.test(run));
    const tests = commands.indexOf('npm test');
    expect(install).toBeGreaterThanOrEqual(0);
    expect(tests).toBeGreaterThan(install);
  });

  it('packages only after the tests passed', () => {
    expect(BUILD_JOBS.map(([name]) => name).sort()).toEqual(['linux', 'macos', 'windows']);
    for (const [name] of BUILD_JOBS) expect(upstream(name), name).toContain('test');
    expect(upstream('release')).toEqual(new Set(['windows', 'linux', 'macos', 'test']));
  });

  it('builds Windows on windows-latest: the installer and the portable edition', () => {
    const windows = jobs.windows as Job;
    expect(windows['runs-on']).toBe('windows-latest');
    expect(runs(windows)).toMatch(/^npm ci\b/m);
    expect(runs(windows)).toContain('npm run dist:win');
    expect(uses(windows)).toContain('actions/upload-artifact@v4');
  });

  it('builds Linux x64 on ubuntu-latest and arm64 on ubuntu-24.04-arm, on glibc 2.28', () => {
    const linux = jobs.linux as Job;
    expect(linux.strategy?.matrix.include).toEqual([
      expect.objectContaining({
        arch: 'x64',
        runner: 'ubuntu-latest',
        image: expect.stringMatching(/manylinux_2_28_x86_64$/),
      }),
      expect.objectContaining({
        arch: 'arm64',
        runner: 'ubuntu-24.04-arm',
        image: expect.stringMatching(/manylinux_2_28_aarch64$/),
      }),
    ]);
    expect(linux['runs-on']).toBe('${{ matrix.runner }}');
    expect(linux.container).toBe('${{ matrix.image }}');
    expect(runs(linux)).toMatch(/npm run dist -- --linux deb AppImage --\$\{\{ matrix\.arch \}\}/);
  });

  it('builds macOS on macos-latest, without looking for signing certificates', () => {
    const macos = jobs.macos as Job;
    expect(macos['runs-on']).toBe('macos-latest');
    expect(macos.env?.CSC_IDENTITY_AUTO_DISCOVERY).toBe('false');
    expect(runs(macos)).toContain('npm run dist:mac');
  });

  it('uploads every installer and attaches them to a draft release for the tag', () => {
    const paths = BUILD_JOBS.flatMap(([, job]) =>
      job.steps.filter((s) => s.uses?.startsWith('actions/upload-artifact')).map((s) => String(s.with?.path)),
    ).join('\n');
    for (const pattern of ['release/*.exe', 'release/*.zip', 'release/*.deb', 'release/*.AppImage', 'release/*.dmg']) {
      expect(paths).toContain(pattern);
    }
    const release = jobs.release as Job;
    expect(release.if).toBe("startsWith(github.ref, 'refs/tags/v')");
    expect(release.permissions).toEqual({ contents: 'write' });
    expect(runs(release)).toMatch(/gh release create "\$\{\{ github\.ref_name \}\}" dist\/\*/);
    expect(runs(release)).toContain('--draft');
  });

  it('needs no secrets: unsigned builds, the job token only', () => {
    expect(TEXT).not.toMatch(/secrets\./);
    expect(TEXT).not.toMatch(/CSC_LINK|CSC_KEY_PASSWORD|APPLE_ID|WIN_CSC/);
  });
});
