import { describe, expect, it } from 'vitest';
import { checkDartProject, type DartProjectFile } from './dart-project';

const pubspec: DartProjectFile = {
  path: 'pubspec.yaml',
  content: [
    'name: app_demo',
    'environment:',
    '  sdk: ">=3.3.0 <4.0.0"',
    'dependencies:',
    '  flutter:',
    '    sdk: flutter',
    '  cloud_firestore: ^5.4.4',
    'dev_dependencies:',
    '  flutter_lints: ^4.0.0',
    'flutter:',
    '  uses-material-design: true',
  ].join('\n'),
};

const project = (files: Record<string, string>): DartProjectFile[] => [
  pubspec,
  ...Object.entries(files).map(([path, content]) => ({ path, content })),
];

const sound = {
  'lib/main.dart':
    "import 'package:flutter/material.dart';\nimport 'screens/home_screen.dart';\n\nvoid main() => runApp(const HomeScreen());\n",
  'lib/screens/home_screen.dart':
    "import 'package:cloud_firestore/cloud_firestore.dart';\nimport '../data/store.dart';\n\nclass HomeScreen extends StatelessWidget {}\n",
  'lib/data/store.dart': 'class Store {}\n',
  'test/store_test.dart': "import 'package:app_demo/data/store.dart';\nimport 'dart:async';\n",
};

describe('checkDartProject', () => {
  it('accepts a project whose imports resolve and whose libraries and screens are used', () => {
    expect(checkDartProject(project(sound))).toEqual([]);
  });

  it('names the file and line of an import that resolves to nothing', () => {
    const problems = checkDartProject(
      project({
        ...sound,
        'lib/data/store.dart': "import 'package:app_demo/data/missing.dart';\n\nimport 'cache.dart';\n",
      }),
    );
    expect(problems).toEqual([
      {
        file: 'lib/data/store.dart',
        line: 1,
        message: expect.stringContaining('lib/data/missing.dart does not exist'),
      },
      {
        file: 'lib/data/store.dart',
        line: 3,
        message: expect.stringContaining('lib/data/cache.dart does not exist'),
      },
    ]);
  });

  it('refuses packages pubspec.yaml does not list, dev dependencies in lib, and relative lib imports in tests', () => {
    const problems = checkDartProject(
      project({
        ...sound,
        'lib/data/store.dart': "import 'package:http/http.dart';\nimport 'package:flutter_lints/x.dart';\n",
        'test/store_test.dart': "import '../lib/data/store.dart';\nimport 'package:flutter_lints/x.dart';\n",
      }),
    );
    expect(problems.map((p) => [p.file, p.line])).toEqual([
      ['lib/data/store.dart', 1],
      ['lib/data/store.dart', 2],
      ['test/store_test.dart', 1],
    ]);
    expect(problems[0]?.message).toMatch(/package http, which pubspec.yaml does not list/);
    expect(problems[2]?.message).toMatch(/relative path; import lib files as package:app_demo/);
  });

  it('reports a library nothing imports and a screen nothing opens', () => {
    const problems = checkDartProject(
      project({
        ...sound,
        'lib/screens/orphan_screen.dart': 'class OrphanScreen extends StatelessWidget {}\n',
      }),
    );
    expect(problems).toEqual([
      { file: 'lib/screens/orphan_screen.dart', line: 1, message: 'no other file imports it' },
      {
        file: 'lib/screens/orphan_screen.dart',
        line: 1,
        message: 'screen OrphanScreen is never used outside its own file',
      },
    ]);
  });

  it('reports unbalanced brackets with the file they are in, and a missing pubspec.yaml', () => {
    const problems = checkDartProject(project({ ...sound, 'lib/data/store.dart': 'class Store {\n' }));
    expect(problems).toEqual([{ file: 'lib/data/store.dart', line: 1, message: '{ is never closed' }]);
    expect(checkDartProject([{ path: 'lib/main.dart', content: '' }])).toEqual([
      { file: 'pubspec.yaml', line: 1, message: 'pubspec.yaml is missing' },
    ]);
  });
});
