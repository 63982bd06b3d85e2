-- Accounts and their scope. school and principal users are bound to one school; bureau,
-- inspector and viewer users to a region subtree (county, or city/province read-only).
CREATE TABLE app_user (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username text NOT NULL CHECK (username ~ '^[^[:space:]]{2,64}$'),
  password_hash text NOT NULL CHECK (password_hash LIKE '$%'),
  display_name text NOT NULL CHECK (btrim(display_name) <> ''),
  role text NOT NULL CHECK (role IN ('system_admin', 'bureau', 'inspector', 'principal', 'school', 'viewer')),
  region_code text REFERENCES region (code),
  school_id text REFERENCES school (id),
  failed_logins integer NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
  locked_until timestamptz,
  disabled_at timestamptz,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT app_user_school_scope CHECK ((role IN ('principal', 'school')) = (school_id IS NOT NULL)),
  CONSTRAINT app_user_region_scope CHECK (role IN ('system_admin', 'principal', 'school') OR region_code IS NOT NULL)
);
-- Usernames are unique regardless of case (Zhang3 and zhang3 are one login).
CREATE UNIQUE INDEX app_user_username_key ON app_user (lower(username));

-- Server-side sessions (several API processes share them). id is the hash of the cookie token,
-- so a leaked table does not hand out live sessions.
CREATE TABLE session (
  id text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{64}$'),
  user_id bigint NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  csrf_token text NOT NULL CHECK (length(csrf_token) >= 32),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ip text,
  user_agent text,
  CONSTRAINT session_expiry CHECK (expires_at > created_at)
);
CREATE INDEX session_user_id_idx ON session (user_id);
CREATE INDEX session_expires_at_idx ON session (expires_at);
