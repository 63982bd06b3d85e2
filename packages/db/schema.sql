-- junheng: the whole schema after every migration in migrations/ (kept in git so a review shows
-- the schema change next to the migration). src/schema.test.ts fails when the two disagree:
-- every new migration updates this file in the same change.

-- ── from 0001-create-regions-and-schools.sql ──
-- 行政区划 (GB/T 2260: province/city/county, 6 digits; 乡镇/街道 from 统计用区划代码, 9 digits)
-- and schools (学校标识码). A child code starts with its county's 6 digits, so jurisdiction
-- scoping can work on the code as well as on the parent chain.
CREATE TABLE region (
  code text PRIMARY KEY,
  name text NOT NULL CHECK (btrim(name) <> ''),
  level text NOT NULL CHECK (level IN ('province', 'city', 'county', 'township')),
  parent_code text REFERENCES region (code),
  CONSTRAINT region_code_format CHECK (
    (level = 'province' AND code ~ '^[1-9][0-9]0000$')
    OR (level = 'city' AND code ~ '^[1-9][0-9]{3}00$' AND code !~ '0000$')
    OR (level = 'county' AND code ~ '^[1-9][0-9]{5}$' AND code !~ '00$')
    OR (level = 'township' AND code ~ '^[1-9][0-9]{8}$')
  ),
  CONSTRAINT region_parent_level CHECK (
    (level = 'province' AND parent_code IS NULL)
    OR (level = 'township' AND parent_code IS NOT NULL AND left(code, 6) = parent_code)
    OR (level IN ('city', 'county') AND (parent_code IS NULL OR left(parent_code, 2) = left(code, 2)))
  )
);
CREATE INDEX region_parent_code_idx ON region (parent_code);

-- type and locality use core's identifiers (model.ts SchoolType, Locality).
CREATE TABLE school (
  id text PRIMARY KEY CONSTRAINT school_id_format CHECK (id ~ '^[0-9]{10}$'),
  name text NOT NULL CHECK (btrim(name) <> ''),
  type text NOT NULL CHECK (
    type IN ('primary', 'junior', 'nineYear', 'twelveYear', 'completeMiddle', 'teachingPoint', 'special', 'vocational')
  ),
  locality text NOT NULL CHECK (locality IN ('urban', 'town', 'rural')),
  -- The county, or a township under it.
  region_code text NOT NULL REFERENCES region (code)
    CONSTRAINT school_region_level CHECK (region_code ~ '^[1-9][0-9]{5}$' AND region_code !~ '00$' OR region_code ~ '^[1-9][0-9]{8}$'),
  county_code text GENERATED ALWAYS AS (left(region_code, 6)) STORED NOT NULL REFERENCES region (code),
  address text,
  latitude double precision CHECK (latitude BETWEEN -90 AND 90),
  longitude double precision CHECK (longitude BETWEEN -180 AND 180),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'merged', 'closed')),
  merged_into text REFERENCES school (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT school_location_pair CHECK ((latitude IS NULL) = (longitude IS NULL)),
  CONSTRAINT school_merged_into CHECK ((status = 'merged') = (merged_into IS NOT NULL) AND merged_into IS DISTINCT FROM id)
);
CREATE INDEX school_county_code_idx ON school (county_code);
CREATE INDEX school_region_code_idx ON school (region_code);

-- ── from 0002-create-users-and-sessions.sql ──
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

-- ── from 0003-create-school-status-history.sql ──
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

-- ── from 0004-create-school-reports.sql ──
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

-- ── from 0005-create-county-inputs-and-evaluation-runs.sql ──
-- County-level items (县级指标) per year, and evaluation runs with the exact inputs they used.
CREATE TABLE county_input (
  county_code text NOT NULL REFERENCES region (code),
  year integer NOT NULL REFERENCES school_year (start_year),
  -- Item id of the standard tables (core standards/*.ts).
  item_id text NOT NULL CHECK (item_id ~ '^[A-Za-z][A-Za-z0-9_.-]*$'),
  -- core CountyItemInput.value: a number (ratios as fractions), a judgment, or null.
  value jsonb NOT NULL CHECK (jsonb_typeof(value) IN ('number', 'boolean', 'null')),
  note text,
  updated_by bigint REFERENCES app_user (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, year, item_id)
);

-- inputs is the CountyDataset the engine read; rules the standard table and overrides it applied;
-- result the engine's output. Together they make the run reproducible. Once published_at is set
-- the row is immutable (trigger below), so what the public saw can always be shown again.
CREATE TABLE evaluation_run (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_code text NOT NULL REFERENCES region (code),
  year integer NOT NULL REFERENCES school_year (start_year),
  standard text NOT NULL CHECK (standard IN ('basic', 'quality')),
  inputs jsonb NOT NULL CHECK (jsonb_typeof(inputs) = 'object'),
  inputs_sha256 text NOT NULL CHECK (inputs_sha256 ~ '^[0-9a-f]{64}$'),
  rules jsonb NOT NULL CHECK (jsonb_typeof(rules) = 'object'),
  result jsonb NOT NULL CHECK (jsonb_typeof(result) = 'object'),
  engine_version text NOT NULL,
  created_by bigint REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  published_by bigint REFERENCES app_user (id),
  CONSTRAINT evaluation_run_published CHECK ((published_at IS NULL) = (published_by IS NULL))
);
CREATE INDEX evaluation_run_county_year_idx ON evaluation_run (county_code, year, standard);

CREATE FUNCTION evaluation_run_protect_published() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    IF EXISTS (SELECT 1 FROM evaluation_run WHERE published_at IS NOT NULL) THEN
      RAISE EXCEPTION 'evaluation_run holds published runs: TRUNCATE rejected' USING ERRCODE = 'JH002';
    END IF;
    RETURN NULL;
  END IF;
  IF OLD.published_at IS NOT NULL THEN
    RAISE EXCEPTION 'evaluation_run % was published at %: % rejected', OLD.id, OLD.published_at, TG_OP
      USING ERRCODE = 'JH002';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER evaluation_run_immutable_when_published BEFORE UPDATE OR DELETE ON evaluation_run
  FOR EACH ROW EXECUTE FUNCTION evaluation_run_protect_published();
CREATE TRIGGER evaluation_run_no_truncate_when_published BEFORE TRUNCATE ON evaluation_run
  FOR EACH STATEMENT EXECUTE FUNCTION evaluation_run_protect_published();

-- ── from 0006-create-audit-events.sql ──
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

-- ── from 0007-create-school-year-info.sql ──
-- Whole-school figures of one school in one school year (core School.seniorStudents,
-- sharedFacilities, meetsProvincialStandard). They are reported once per school, not per 学段, so
-- they do not belong in school_report (one row per stage), and they change from year to year, so
-- they do not belong in school either.
CREATE TABLE school_year_info (
  school_id text NOT NULL REFERENCES school (id),
  year integer NOT NULL REFERENCES school_year (start_year),
  -- 设施口径: NULL = 分学段 (each stage report carries its facilities in school_report.data);
  -- an object = 全校合计, the eight facility figures of the whole school (null inside = 未填报),
  -- which the engine apportions to the stages. The scope is this column being set, so the two
  -- cannot disagree.
  shared_facilities jsonb CHECK (shared_facilities IS NULL OR jsonb_typeof(shared_facilities) = 'object'),
  -- 高中部在校生数 (完全中学 / 十二年一贯制, to apportion shared facilities); NULL = 未填报.
  senior_students integer CHECK (senior_students >= 0),
  -- 是否达到省定办学基本标准 (基本均衡 prerequisite); NULL = 未提供.
  meets_provincial_standard boolean,
  -- The school's place in the county's list for the year (the imported file's row order), so a
  -- dataset read back lists schools, and the evaluation its tables, as the county entered them.
  roster_position integer CHECK (roster_position >= 0),
  updated_by bigint REFERENCES app_user (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (school_id, year)
);
CREATE INDEX school_year_info_year_idx ON school_year_info (year);

-- ── from 0008-create-personal-data-key-check.sql ──
-- One sealed value proving which key encrypts the students' personal data (packages/db/src/
-- personalData.ts). Starting with another key is refused instead of mixing ciphertexts.
CREATE TABLE personal_data_key_check (
  id integer PRIMARY KEY CHECK (id = 1),
  sealed text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- ── from 0013-add-school-first-year.sql ──
-- 启用学年: the first school year a school is expected to report for. A school registered by a
-- county's import for 2026 is not "missing" from 2025's publication. NULL = expected in every year
-- (schools registered before this column existed, and the register's choice to leave it open).
ALTER TABLE school ADD COLUMN first_year integer CONSTRAINT school_first_year_range CHECK (first_year BETWEEN 2000 AND 2100);
