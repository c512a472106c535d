MODULE = '{{ cookiecutter.module }}'
