/* The Python side of the cookiecutter engine, run as `python3 -c DRIVER` with a JSON request on stdin. */
// biome-ignore-all format: Python source
export const DRIVER = String.raw`import json, os, shutil, sys, traceback

# Hooks inherit stdout; send it to stderr so the caller's stdout stays unused and the result goes to a file.
os.dup2(2, 1)
req = json.load(sys.stdin)
result_path = req["result"]


def finish(payload):
    with open(result_path, "w", encoding="utf-8") as f:
        json.dump(payload, f)
    sys.exit(0)


def where(error):
    """The template file and line an error points at: a syntax error's own, else the last template frame."""
    file = line = None
    todo, seen = [error], set()
    while todo:
        current = todo.pop(0)
        if not isinstance(current, BaseException) or id(current) in seen:
            continue
        seen.add(id(current))
        own = getattr(current, "filename", None) or getattr(current, "name", None)
        if isinstance(own, str) and getattr(current, "lineno", None):
            return own, current.lineno
        # Jinja rewrites tracebacks so that template frames carry the template's file and line.
        for frame, lineno in traceback.walk_tb(current.__traceback__):
            name = frame.f_code.co_filename
            if not name.endswith(".py") and not name.startswith("<"):
                file, line = name, lineno
        todo += [getattr(current, "error", None), current.__cause__, current.__context__]
    return file, line


try:
    import cookiecutter as package
    from cookiecutter import generate
    from cookiecutter.main import cookiecutter
except Exception as error:  # noqa: BLE001
    finish({"ok": False, "kind": "missing", "message": str(error)})

output_dir = os.path.realpath(req["output_dir"])


def inside(path, root):
    path, root = os.path.realpath(path), os.path.realpath(root)
    return path == root or path.startswith(root + os.sep)


class Escape(Exception):
    pass


def guard(path):
    if not inside(path, output_dir):
        raise Escape("a rendered path leaves the project folder: %s" % path)


# Every write cookiecutter makes goes through these; refuse a rendered path that leaves the output folder.
real_generate_file, real_create_dir = generate.generate_file, generate.render_and_create_dir


def generate_file(project_dir, infile, context, env, *args, **kwargs):
    guard(os.path.join(project_dir, env.from_string(infile).render(**context)))
    return real_generate_file(project_dir, infile, context, env, *args, **kwargs)


def render_and_create_dir(dirname, context, out, environment, *args, **kwargs):
    guard(os.path.join(out, environment.from_string(dirname).render(**context)))
    return real_create_dir(dirname, context, out, environment, *args, **kwargs)


class GuardedShutil:
    def __getattr__(self, name):
        return getattr(shutil, name)

    def copyfile(self, src, dst, *a, **k):
        guard(dst)
        return shutil.copyfile(src, dst, *a, **k)

    def copytree(self, src, dst, *a, **k):
        guard(dst)
        return shutil.copytree(src, dst, *a, **k)


# Which cookiecutter.json value was being rendered when a default fails, so the key can be named.
from cookiecutter import prompt

state = {"raw": None, "files": False}
real_render_variable, real_generate_files = prompt.render_variable, generate.generate_files


def render_variable(env, raw, cookiecutter_dict):
    if not state["files"] and isinstance(raw, str):
        state["raw"] = raw
    return real_render_variable(env, raw, cookiecutter_dict)


def generate_files(*args, **kwargs):
    state["files"] = True
    return real_generate_files(*args, **kwargs)


prompt.render_variable = render_variable
if not req["run_hooks"]:
    generate.run_hook = lambda *args, **kwargs: None
import cookiecutter.main as main_module  # noqa: E402

main_module.generate_files = generate_files

generate.generate_file, generate.render_and_create_dir, generate.shutil = (
    generate_file,
    render_and_create_dir,
    GuardedShutil(),
)


def literal(value):
    """Jinja source that renders to exactly value: no tag can open, newlines survive default rendering."""
    marks = {"{": "{{ '{' }}", "\r": "{{ '\\r' }}", "\n": "{{ '\\n' }}"}
    return "".join(marks.get(c, c) for c in value)


extra = dict(req["extra_context"])
for key in req["literal_keys"]:
    if isinstance(extra.get(key), str):
        extra[key] = literal(extra[key])

try:
    project = cookiecutter(
        req["template"],
        no_input=True,
        extra_context=extra,
        output_dir=output_dir,
        config_file=req["config_file"],
    )
except Escape as error:
    finish({"ok": False, "kind": "unsafe", "message": str(error)})
except Exception as error:  # noqa: BLE001
    file, line = where(error)
    inner = getattr(error, "error", None)
    message = str(error) if inner is None else "%s: %s" % (error, inner)
    raw = None if state["files"] else state["raw"]
    finish({"ok": False, "kind": type(error).__name__, "message": message, "file": file, "line": line, "raw": raw})
replay = req["replay_dir"]
names = sorted(n for n in os.listdir(replay) if n.endswith(".json")) if os.path.isdir(replay) else []
context = {}
if names:
    with open(os.path.join(replay, names[0]), encoding="utf-8") as f:
        context = json.load(f).get("cookiecutter", {})
finish({"ok": True, "project_dir": project, "context": context, "version": package.__version__})
`;
