{{ cookiecutter.project_slug }}
