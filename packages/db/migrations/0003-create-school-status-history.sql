-- Every change of a school's status (open → merged/closed, or reopened), with who and why.
CREATE TABLE school_status_history (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  school_id text NOT NULL REFERENCES school (id),
  status text NOT NULL CHECK (status IN ('open', 'merged', 'closed')),
  merged_into text REFERENCES school (id),
  effective_on date NOT NULL,
  reason text,
  changed_by bigint REFERENCES app_user (id),
  changed_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT school_status_history_merged_into CHECK ((status = 'merged') = (merged_into IS NOT NULL))
);
CREATE INDEX school_status_history_school_id_idx ON school_status_history (school_id, effective_on);
