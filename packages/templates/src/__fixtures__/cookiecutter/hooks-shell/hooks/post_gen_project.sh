#!/bin/sh
echo 'from sh {{ cookiecutter.project_slug }}' > sh.txt
