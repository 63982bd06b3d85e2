-- 学年 and the annual school reports (one per school, year and 学段), versioned.
CREATE TABLE school_year (
  -- 2025 means 2025—2026学年.
  start_year integer PRIMARY KEY CHECK (start_year BETWEEN 2000 AND 2100),
  report_deadline timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- data holds core's StageReport fields without `stage` (students, classes, maxClassSize, the
-- teacher counts, facilities) plus the class sizes; null inside means 未填报, as in core.
-- version is the optimistic-concurrency token: every change must raise it by exactly one, and
-- every version is copied to school_report_version by trigger, so history cannot be skipped.
CREATE TABLE school_report (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  school_id text NOT NULL REFERENCES school (id),
  year integer NOT NULL REFERENCES school_year (start_year),
  stage text NOT NULL CHECK (stage IN ('primary', 'junior')),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'returned', 'approved', 'locked')),
  data jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(data) = 'object'),
  -- Reviewer comments per field when returned: {"students": "与学籍系统不符", …}.
  review_comments jsonb CHECK (review_comments IS NULL OR jsonb_typeof(review_comments) = 'object'),
  updated_by bigint REFERENCES app_user (id),
  submitted_by bigint REFERENCES app_user (id),
  submitted_at timestamptz,
  reviewed_by bigint REFERENCES app_user (id),
  reviewed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT school_report_key UNIQUE (school_id, year, stage),
  CONSTRAINT school_report_submitted CHECK (status = 'draft' OR (submitted_by IS NOT NULL AND submitted_at IS NOT NULL)),
  CONSTRAINT school_report_reviewed CHECK (status NOT IN ('returned', 'approved', 'locked') OR (reviewed_by IS NOT NULL AND reviewed_at IS NOT NULL))
);
CREATE INDEX school_report_year_idx ON school_report (year, status);

CREATE TABLE school_report_version (
  report_id bigint NOT NULL REFERENCES school_report (id),
  version integer NOT NULL CHECK (version >= 1),
  status text NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'approved', 'locked')),
  data jsonb NOT NULL,
  review_comments jsonb,
  actor_id bigint REFERENCES app_user (id),
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (report_id, version)
);

CREATE FUNCTION school_report_check_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' AND NEW.version <> 1 THEN
    RAISE EXCEPTION 'school_report: a new report starts at version 1, not %', NEW.version
      USING ERRCODE = 'JH003';
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.version <> OLD.version + 1 THEN
    RAISE EXCEPTION 'school_report %: version must go from % to %, not %', OLD.id, OLD.version, OLD.version + 1, NEW.version
      USING ERRCODE = 'JH003';
  END IF;
  IF TG_OP = 'UPDATE' AND (NEW.school_id, NEW.year, NEW.stage) IS DISTINCT FROM (OLD.school_id, OLD.year, OLD.stage) THEN
    RAISE EXCEPTION 'school_report %: school, year and stage cannot change', OLD.id USING ERRCODE = 'JH003';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER school_report_check_version BEFORE INSERT OR UPDATE ON school_report
  FOR EACH ROW EXECUTE FUNCTION school_report_check_version();

CREATE FUNCTION school_report_keep_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO school_report_version (report_id, version, status, data, review_comments, actor_id, at)
  VALUES (NEW.id, NEW.version, NEW.status, NEW.data, NEW.review_comments, NEW.updated_by, now());
  RETURN NULL;
END;
$$;
CREATE TRIGGER school_report_keep_version AFTER INSERT OR UPDATE ON school_report
  FOR EACH ROW EXECUTE FUNCTION school_report_keep_version();

-- History is append-only.
CREATE FUNCTION reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % rejected', TG_TABLE_NAME, TG_OP USING ERRCODE = 'JH001';
END;
$$;
CREATE TRIGGER school_report_version_append_only BEFORE UPDATE OR DELETE ON school_report_version
  FOR EACH ROW EXECUTE FUNCTION reject_change();
CREATE TRIGGER school_report_version_no_truncate BEFORE TRUNCATE ON school_report_version
  FOR EACH STATEMENT EXECUTE FUNCTION reject_change();
