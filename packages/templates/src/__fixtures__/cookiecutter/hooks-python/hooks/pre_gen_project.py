import sys
name = '{{ cookiecutter.project_slug }}'
if not name: sys.exit(1)
