// Runs inside the generated project; the context arrives as JSON in COOKIECUTTER_CONTEXT.
import { writeFileSync } from 'node:fs';

const context = JSON.parse(process.env.COOKIECUTTER_CONTEXT);
if (context.description === 'fail the hook') {
  console.error('hook refused');
  process.exit(3);
}
writeFileSync('HOOK.txt', `hook ran for ${context.project_slug} on port ${context.port}\n`);
