/** The first line of every generated Dart file. */
export const DART_HEADER = '// Generated from the MVP spec by Startup Factory; regenerate rather than edit.';

/** Dart reserved and built-in words a spec's camelCase field name could collide with. */
const DART_RESERVED = new Set(
  (
    'abstract as assert async await base break case catch class const continue covariant default deferred do ' +
    'dynamic else enum export extends extension external factory false final finally for function get hide if ' +
    'implements import in interface is late library mixin new null of on operator part required rethrow return ' +
    'sealed set show static super switch sync this throw true try type typedef var void when while with yield ' +
    'toMap fromMap hashCode runtimeType toString noSuchMethod'
  ).split(' '),
);

/** dart:core names an entity class must not shadow. */
const DART_CORE = new Set(
  (
    'BigInt Comparable DateTime Duration Enum Error Exception Expando Finalizer Function Future Invocation ' +
    'Iterable Iterator List Map Match Never Null Object Pattern Record RegExp Runes Set Sink StackTrace ' +
    'Stopwatch Stream String Symbol Type Uri'
  ).split(' '),
);

/** The Dart class of an entity: its name, unless that shadows a dart:core type. */
export const className = (name: string) => (DART_CORE.has(name) ? `${name}Record` : name);

/** The Dart identifier for a field; the map key stays the spec's name. */
export const dartName = (name: string) => (DART_RESERVED.has(name) ? `${name}Value` : name);
