# cookiecutter renders this hook with the context, then runs it inside the new project.
import sys

if {{ cookiecutter.description | jsonify }} == "fail the hook":
    print("hook refused", file=sys.stderr)
    sys.exit(3)
with open("HOOK.txt", "w") as f:
    f.write("hook ran for {{ cookiecutter.project_slug }} on port {{ cookiecutter.port }}\n")
