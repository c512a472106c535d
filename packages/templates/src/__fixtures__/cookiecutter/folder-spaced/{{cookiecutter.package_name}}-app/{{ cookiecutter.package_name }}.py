name = '{{ cookiecutter.package_name }}'
