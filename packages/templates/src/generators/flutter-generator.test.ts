import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MvpSpec, type MvpSpecInput } from '@startup-factory/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { allocation, config, SHIPPED_TEMPLATES, type Workspace, workspace } from '../../test/fixtures';
import { HOSTILE } from '../../test/hostile';
import { TemplateManager } from '../template-manager';
import { checkDartProjectAt } from '../validation/dart-project';

const clinic = (): MvpSpecInput => ({
  name: 'Clinic Desk',
  tagline: 'Patients and their appointments.',
  problem: 'Front desks juggle paper.',
  solution: 'One app for the desk.',
  entities: [
    {
      name: 'Patient',
      description: HOSTILE,
      fields: [
        { name: 'fullName', type: 'string', maxLength: 120, description: HOSTILE },
        { name: 'email', type: 'email', required: false },
        { name: 'bornOn', type: 'date', required: false },
        { name: 'notes', type: 'text', required: false },
      ],
    },
    {
      name: 'Appointment',
      fields: [
        { name: 'patient', type: 'reference', references: 'Patient', onDelete: 'cascade' },
        { name: 'startsAt', type: 'datetime' },
        { name: 'minutes', type: 'integer', min: 5, max: 240 },
        { name: 'status', type: 'enum', enumValues: ['booked', 'done', 'no_show'] },
      ],
    },
    {
      name: 'Invoice',
      fields: [
        { name: 'patientId', type: 'reference', references: 'Patient' },
        { name: 'appointment', type: 'reference', references: 'Appointment', required: false },
        { name: 'amount', type: 'number', min: 0 },
      ],
    },
  ],
  userStories: [{ asA: 'receptionist', iWant: 'to book appointments', soThat: 'the day runs on time' }],
  pages: [{ path: '/', title: 'Home', kind: 'landing' }],
});

let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.cleanup();
  ws = undefined;
});

async function generate(spec: MvpSpecInput): Promise<string> {
  ws = await workspace();
  const manager = new TemplateManager({ templatesDir: SHIPPED_TEMPLATES, outputDir: ws.outputDir });
  return manager.createFromTemplate('fluttermobile', config({ name: 'Clinic Desk' }), allocation(), {
    spec: MvpSpec.parse(spec),
  });
}

const read = (dir: string, path: string) => readFile(join(dir, path), 'utf8');

describe('the fluttermobile generator on a spec with references', () => {
  it('writes the generic list, detail and form screens, a model per entity and the tests', async () => {
    const dir = await generate(clinic());
    const files = (await readdir(dir, { recursive: true })).map((f) => f.split('\\').join('/'));
    expect(files).toEqual(
      expect.arrayContaining([
        'lib/screens/entity_list_screen.dart',
        'lib/screens/entity_detail_screen.dart',
        'lib/screens/entity_form_screen.dart',
        'lib/data/delete_plan.dart',
        'lib/models/patient.dart',
        'lib/models/appointment.dart',
        'lib/models/invoice.dart',
        'test/models_test.dart',
        'test/entities_test.dart',
        'test/validation_test.dart',
        'test/widget_test.dart',
      ]),
    );
    expect(await checkDartProjectAt(dir)).toEqual([]);
    expect(await read(dir, 'test/validation_test.dart')).toContain(
      "import 'package:app_clinic_desk/validation.dart';",
    );
    expect(await read(dir, 'test/models_test.dart')).toContain(
      "import 'package:app_clinic_desk/models/appointment.dart' as appointment_model;",
    );
  });

  it('describes references with their delete rule and every limit the spec implies', async () => {
    const entities = await read(await generate(clinic()), 'lib/entities.dart');
    const appointment = entities.slice(entities.indexOf('const appointmentEntity'));
    expect(appointment).toContain("titleField: 'status',");
    expect(appointment).toMatch(
      /name: 'patient',\s+label: 'Patient',\s+type: 'reference',\s+required: true,\s+references: 'Patient',\s+onDelete: 'cascade',/,
    );
    expect(appointment).toMatch(/name: 'minutes',[^)]*min: 5,\s+max: 240,/);
    // The defaults of the spec schema: restrict for a required reference, set_null for an optional one.
    expect(entities).toMatch(/name: 'patientId',\s+label: 'Patient',[^)]*onDelete: 'restrict',/);
    expect(entities).toMatch(/name: 'appointment',[^)]*required: false,[^)]*onDelete: 'set_null',/);
    expect(entities).toMatch(/name: 'fullName',\n.*\n.*\n.*\n.*description: .*\n\s+maxLength: 120,/);
    expect(entities).toMatch(/name: 'notes',[^)]*maxLength: 5000,/);
    expect(entities).toContain("titleField: 'fullName',");
    expect(entities).toContain('const allEntities = [patientEntity, appointmentEntity, invoiceEntity];');
  });

  it('gives the tests sample records that meet the spec', async () => {
    const test = await read(await generate(clinic()), 'test/entities_test.dart');
    expect(test).toContain("'patient': 'sample-patient-id'");
    expect(test).toContain("'minutes': 5");
    expect(test).toContain("'amount': 2.5");
    expect(test).toContain("'email': 'someone@example.com'");
  });

  it('keeps hostile descriptions as escaped Dart text', async () => {
    const dir = await generate(clinic());
    const entities = await read(dir, 'lib/entities.dart');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the Dart source must hold an escaped `${`.
    expect(entities).toContain("description: '\\'\"`\\${process.exit(1)}");
    expect(entities).not.toMatch(/[^\\]\$\{process/);
    expect(await checkDartProjectAt(dir)).toEqual([]);
  });

  it('reports an import that does not resolve and a screen nothing opens', async () => {
    const dir = await generate(clinic());
    const home = join(dir, 'lib/screens/home_screen.dart');
    await writeFile(
      home,
      (await readFile(home, 'utf8'))
        .replace("import 'entity_list_screen.dart';", "import 'entity_lists_screen.dart';")
        .replace('EntityListScreen(entity: entity)', 'const SizedBox()'),
    );
    const problems = await checkDartProjectAt(dir);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          file: 'lib/screens/home_screen.dart',
          message: expect.stringContaining('lib/screens/entity_lists_screen.dart does not exist'),
        }),
        expect.objectContaining({
          file: 'lib/screens/entity_list_screen.dart',
          message: 'screen EntityListScreen is never used outside its own file',
        }),
        { file: 'lib/screens/entity_list_screen.dart', line: 1, message: 'no other file imports it' },
      ]),
    );
  });
});
