export const t = '{{ cookiecutter.title }}';
