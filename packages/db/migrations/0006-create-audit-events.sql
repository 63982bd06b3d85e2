-- Audit log of every write and export. Append-only, and a hash chain: hash = sha256 over the
-- event's canonical text and prev_hash (computed by the writer, checked by `junheng audit verify`).
-- prev_hash is unique, so two writers racing for the same predecessor cannot fork the chain: the
-- second insert fails and retries. The first event's prev_hash is 64 zeros.
CREATE TABLE audit_event (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_id bigint REFERENCES app_user (id),
  -- Username at the time (or 'system'), kept even if the account is later renamed.
  actor text NOT NULL CHECK (btrim(actor) <> ''),
  action text NOT NULL CHECK (action ~ '^[a-z][A-Za-z0-9_.]*$'),
  entity text NOT NULL CHECK (entity ~ '^[a-z][a-z0-9_]*$'),
  entity_id text,
  before jsonb,
  after jsonb,
  reason text,
  ip text,
  prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  CONSTRAINT audit_event_prev_hash_key UNIQUE (prev_hash),
  CONSTRAINT audit_event_hash_key UNIQUE (hash)
);
CREATE INDEX audit_event_entity_idx ON audit_event (entity, entity_id);
CREATE INDEX audit_event_at_idx ON audit_event (at);

CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION reject_change();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION reject_change();
