/**
 * The tables behind accounts and workspaces, created with the app's bookkeeping before the numbered
 * migrations (every entity table's `workspace_id` points at app_workspaces). Prefixed `app_` so they
 * never meet a table the spec names. Tokens are stored only as SHA-256 hashes.
 */
export const AUTH_SCHEMA = `
CREATE TABLE IF NOT EXISTS app_workspaces (
  id serial PRIMARY KEY,
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS app_users (
  id serial PRIMARY KEY,
  email text NOT NULL UNIQUE CHECK (email = lower(email)),
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS app_memberships (
  workspace_id integer NOT NULL REFERENCES app_workspaces (id) ON DELETE CASCADE,
  user_id integer NOT NULL REFERENCES app_users (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('owner', 'member')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, user_id)
);
CREATE INDEX IF NOT EXISTS app_memberships_user_idx ON app_memberships (user_id);
CREATE TABLE IF NOT EXISTS app_sessions (
  id text PRIMARY KEY,
  user_id integer NOT NULL REFERENCES app_users (id) ON DELETE CASCADE,
  workspace_id integer NOT NULL REFERENCES app_workspaces (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS app_sessions_user_idx ON app_sessions (user_id);
CREATE TABLE IF NOT EXISTS app_invites (
  id text PRIMARY KEY,
  workspace_id integer NOT NULL REFERENCES app_workspaces (id) ON DELETE CASCADE,
  created_by integer REFERENCES app_users (id) ON DELETE SET NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  used_by integer REFERENCES app_users (id) ON DELETE SET NULL
);
CREATE TABLE IF NOT EXISTS app_password_resets (
  id text PRIMARY KEY,
  user_id integer NOT NULL REFERENCES app_users (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE TABLE IF NOT EXISTS app_sign_in_failures (
  key text NOT NULL,
  account text NOT NULL,
  failed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS app_sign_in_failures_key_idx ON app_sign_in_failures (key, failed_at);
CREATE INDEX IF NOT EXISTS app_sign_in_failures_account_idx ON app_sign_in_failures (account, failed_at);`;
