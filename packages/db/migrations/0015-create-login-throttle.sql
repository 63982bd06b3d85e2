-- Wrong passwords counted per username as typed (NFKC, lower case) and per source address: five
-- in a row from one address pause that name from that address for 15 minutes, so nobody can lock
-- someone else out from elsewhere; unknown names are counted like real ones, so the answer never
-- tells whether a name exists. An administrator's 解锁 deletes a user's rows.
-- (app_user.failed_logins/locked_until still count wrong current passwords given by a signed-in
-- user changing their password: that lock is the account's own.)
CREATE TABLE login_throttle (
  name_key text NOT NULL CHECK (length(name_key) BETWEEN 1 AND 64),
  source text NOT NULL,
  failures integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
  locked_until timestamptz,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (name_key, source)
);
CREATE INDEX login_throttle_updated_at_idx ON login_throttle (updated_at);
