import os
with open('from-hook.txt', 'w') as f:
    f.write('slug={{ cookiecutter.project_slug }}\n')
os.remove('a.txt')
