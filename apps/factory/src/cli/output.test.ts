import { type ProjectValidationReport, StartupInstance } from '@startup-factory/contracts';
import { describe, expect, it } from 'vitest';
import { summarize } from '../startup-summary';
import { NO_FLUTTER_SDK } from '../validation/flutter-project-validator';
import { startupDetails } from './output';

const completed = (template: string) =>
  StartupInstance.parse({
    id: '5f1c8a4e-2d3b-4c6a-9e7f-1a2b3c4d5e6f',
    slug: 'clinic-desk',
    config: { name: 'Clinic Desk', industry: 'Health', category: 'Mobile', template },
    status: 'completed',
    resourceAllocation: {
      startupId: '5f1c8a4e-2d3b-4c6a-9e7f-1a2b3c4d5e6f',
      memoryMb: 512,
      cpuCores: 1,
      storageGb: 2,
      ports: [3100],
      databaseNamespace: 'startup_clinic_desk',
      apiQuota: {},
      allocatedAt: new Date('2026-01-01T00:00:00Z'),
    },
    currentPhase: null,
    state: {},
    createdAt: new Date('2026-01-01T00:00:00Z'),
    updatedAt: new Date('2026-01-01T00:10:00Z'),
  });

const paths = { folder: '/data/startups/clinic-desk', projectDir: '/data/projects/clinic-desk' };
const structure = { name: 'structure' as const, ok: true, durationMs: 120, detail: 'Dart structure checked' };
const step = (name: 'install' | 'analyze' | 'test') => ({
  name,
  ok: true,
  durationMs: 900,
  detail: `flutter ${name}`,
});

function details(template: string, report: ProjectValidationReport | null, toolchain: 'npm' | 'flutter') {
  const summary = summarize(completed(template), paths, null, report, toolchain);
  return { summary, text: startupDetails(summary) };
}

describe('startupDetails of a Flutter app', () => {
  it('says the app was not built when no Flutter SDK is on PATH, and how to build it', () => {
    const report = { ok: true, skipped: false, notBuilt: NO_FLUTTER_SDK, steps: [structure] };
    const { summary, text } = details('fluttermobile', report, 'flutter');
    expect(summary.toolchain).toBe('flutter');
    expect(summary.validation?.notBuilt).toBe('no Flutter SDK on PATH');
    expect(text).toContain('status:    completed, 7/7 phases (Flutter app not built: no SDK)');
    expect(text).not.toContain('all done');
    expect(text).toContain(
      'Flutter app not built here (no Flutter SDK on PATH): structure checked; to build: cd /data/projects/clinic-desk && flutter pub get && flutter analyze && flutter test && flutter run',
    );
    expect(text).not.toMatch(/npm/);
  });

  it('starts it with flutter run once analyze and test passed', () => {
    const report = {
      ok: true,
      skipped: false,
      steps: [structure, step('install'), step('analyze'), step('test')],
    };
    const { text } = details('fluttermobile', report, 'flutter');
    expect(text).toContain('completed, 7/7 phases, all done');
    expect(text).toContain('start it:  cd /data/projects/clinic-desk && flutter run');
    expect(text).not.toMatch(/not built|npm/);
  });

  it('does not call a Flutter app built when validation never ran', () => {
    const { summary, text } = details('fluttermobile', null, 'flutter');
    expect(summary.validation).toBeNull();
    expect(text).toContain('(Flutter app not built: validation did not run)');
    expect(text).toContain('to build: cd /data/projects/clinic-desk && flutter pub get');
  });
});

describe('startupDetails of an npm app', () => {
  it('keeps the npm start command and all done', () => {
    const report = {
      ok: true,
      skipped: false,
      steps: [{ name: 'install' as const, ok: true, durationMs: 5000, detail: 'npm install' }],
    };
    const { summary, text } = details('reactnext', report, 'npm');
    expect(summary.validation?.notBuilt).toBeNull();
    expect(text).toContain('completed, 7/7 phases, all done');
    expect(text).toContain('npm install && npm run build && PORT=3100 npm start');
  });

  it('says on the checks line what a passing test step skipped, and why', () => {
    const report = {
      ok: true,
      skipped: false,
      steps: [
        {
          name: 'test' as const,
          ok: true,
          durationMs: 31_000,
          detail: 'npm test',
          skipped: ['no Chromium found (set CHROMIUM_PATH)'],
        },
      ],
    };
    const { summary, text } = details('vuenuxt', report, 'npm');
    expect(summary.validation?.steps[0]?.skipped).toEqual(['no Chromium found (set CHROMIUM_PATH)']);
    expect(text).toContain('test 31.0 s ok (skipped: no Chromium found (set CHROMIUM_PATH))');
  });

  it('says on the checks line that a step did not run (an unchanged install), not that it passed', () => {
    const report = {
      ok: true,
      skipped: false,
      steps: [
        {
          name: 'install' as const,
          ok: true,
          durationMs: 0,
          detail:
            'install skipped: node_modules were installed from this very package.json and package-lock.json',
          skipped: ['node_modules were installed from this very package.json and package-lock.json'],
        },
        { name: 'build' as const, ok: true, durationMs: 12_000, detail: 'npm run build' },
      ],
    };
    const { text } = details('reactnext', report, 'npm');
    expect(text).toContain(
      'checks:    install skipped (node_modules were installed from this very package.json and package-lock.json), build 12.0 s ok',
    );
    expect(text).not.toContain('install 0.0 s ok');
  });

  it('says how to create the first account and where the demo login is, per toolchain', () => {
    const web = summarize(completed('reactnext'), paths, null, null, 'npm');
    expect(web.firstAccount).toMatch(/\/sign-up/);
    expect(startupDetails(web)).toMatch(
      /accounts: +open http:\/\/localhost:\d+\/sign-up to create the first account/,
    );
    expect(startupDetails(web)).toContain('demo@example.com');
    const flutter = summarize(completed('fluttermobile'), paths, null, null, 'flutter');
    expect(startupDetails(flutter)).toMatch(/accounts: +sign up in the app \(Firebase Auth/);
    expect(summarize(completed('reactnext'), { ...paths, projectDir: null }).firstAccount).toBeNull();
  });

  it('says which phases were drafted offline and how to get real drafts, and nothing when a model wrote them', () => {
    const offline = summarize(completed('reactnext'), paths, null, null, 'npm', [
      'founder_analysis',
      'mvp_spec',
    ]);
    expect(startupDetails(offline)).toContain(
      'ai:        drafted offline, not by a model (founder_analysis, mvp_spec); set OPENAI_API_KEY or ANTHROPIC_API_KEY',
    );
    expect(startupDetails(summarize(completed('reactnext'), paths, null, null, 'npm'))).not.toContain(
      'drafted offline',
    );
  });

  it('says under the ai line that the offline drafts are generic when no catalogue profile fit', () => {
    const note =
      'Generic draft: no catalogue profile matched "Veterinary clinic booking"; the records come from its words.';
    const generic = summarize(completed('reactnext'), paths, null, null, 'npm', ['mvp_spec'], note);
    expect(generic.genericDraft).toBe(note);
    const lines = startupDetails(generic).split('\n');
    const ai = lines.findIndex((l) => l.includes('ai:        drafted offline'));
    expect(lines[ai + 1]?.trim()).toBe(note);
  });
});
