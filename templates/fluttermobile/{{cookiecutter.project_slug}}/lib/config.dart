/// Values the factory allocated for this app.
const appName = {{ cookiecutter.project_name | jsonify | replace('$', '\\$') }};

/// Port for `flutter run -d web-server --web-port {{ cookiecutter.port }}`.
const webPort = {{ cookiecutter.port }};
