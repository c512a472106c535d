/** Settings from the environment, defaulting to what the factory allocated. */
export const config = {
  port: Number(process.env.PORT ?? {{ cookiecutter.port }}),
  schema: process.env.DB_SCHEMA ?? {{ cookiecutter.database_namespace | js }},
  databaseUrl: process.env.DATABASE_URL ?? '',
};
