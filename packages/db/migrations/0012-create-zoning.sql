-- 划片 (zoning, 就近入学; packages/db/src/zoning.ts): the county's residential areas (小区/村) with
-- their expected entrants and current zones, the schools' entry classes, the county map drawn on
-- the zoning page, and zoning plans (area → school) with their evaluation.
--
-- `year` everywhere here is the PLAN year: the start year of the school year the children enter
-- (2027 = 2027年秋季入学), as admission_round.year. Areas are per plan year because their expected
-- entrants are a forecast for that intake; a new year's areas are imported again (the file of the
-- year before, with new figures).

-- One 小区 (estate) or 村 (village). `id` is the area's code from the map or the workbook
-- (e.g. A001, or a 统计用区划代码 of a village), unique within the county and year.
CREATE TABLE residential_area (
  county_code text NOT NULL REFERENCES region (code),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  id text NOT NULL CHECK (id ~ '^[A-Za-z0-9_.-]{1,40}$'),
  name text NOT NULL CHECK (btrim(name) <> '' AND char_length(name) <= 50),
  kind text NOT NULL CHECK (kind IN ('estate', 'village')),
  -- 乡镇/街道 as written in the file (display only).
  township text CHECK (township IS NULL OR char_length(township) <= 50),
  longitude double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
  latitude double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
  -- 预计入学人数: children entering 一年级 / 初一 in the plan year.
  primary_entrants integer NOT NULL DEFAULT 0 CHECK (primary_entrants BETWEEN 0 AND 100000),
  junior_entrants integer NOT NULL DEFAULT 0 CHECK (junior_entrants BETWEEN 0 AND 100000),
  -- 现划片学校 per stage (the zones in force before this plan), null = not zoned / not known.
  current_primary_school_id text REFERENCES school (id),
  current_junior_school_id text REFERENCES school (id),
  -- Position in the imported file, so lists keep the county's order.
  position integer NOT NULL DEFAULT 0 CHECK (position >= 0),
  updated_by bigint REFERENCES app_user (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, year, id)
);

-- 起始年级招生班数 of a school for a plan year and stage (一年级 / 初一), set by the bureau. Without a
-- row the zoning page estimates it from the school's latest report (classes ÷ 6 for 小学, ÷ 3 for
-- 初中) and marks it as an estimate. class_size_limit overrides the national 45 / 50 for the school.
CREATE TABLE zoning_entry_classes (
  school_id text NOT NULL REFERENCES school (id),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  stage text NOT NULL CHECK (stage IN ('primary', 'junior')),
  classes integer NOT NULL CHECK (classes BETWEEN 0 AND 100),
  class_size_limit integer CHECK (class_size_limit IS NULL OR class_size_limit BETWEEN 1 AND 100),
  updated_by bigint REFERENCES app_user (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (school_id, year, stage)
);

-- The county's map for the zoning page (no online tiles): a GeoJSON FeatureCollection of the
-- township (乡镇) and zone (学区) polygons, from the imported map file (or the demo map).
CREATE TABLE zoning_map (
  county_code text PRIMARY KEY REFERENCES region (code),
  name text CHECK (name IS NULL OR char_length(name) <= 100),
  regions jsonb NOT NULL CHECK (jsonb_typeof(regions) = 'object'),
  file text CHECK (file IS NULL OR char_length(file) <= 200),
  updated_by bigint REFERENCES app_user (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- A zoning plan: area id → school id of one stage, with the areas and schools it was computed on
-- (`problem`, core ZoningProblem) so a published plan stays explainable when the areas of the year
-- are imported again, and its evaluation totals (core ZoningTotals) for lists.
-- source: solver (求解), hand (手动调整), current (现行划片 recorded as a plan).
-- status: draft → published (公示; public without login) → withdrawn (a newer plan of the same
-- county, year and stage was published). At most one published plan per county, year and stage;
-- a published or withdrawn plan never changes again.
CREATE TABLE zoning_plan (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_code text NOT NULL REFERENCES region (code),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  stage text NOT NULL CHECK (stage IN ('primary', 'junior')),
  title text NOT NULL CHECK (btrim(title) <> '' AND char_length(title) <= 100),
  source text NOT NULL CHECK (source IN ('solver', 'hand', 'current')),
  assignment jsonb NOT NULL CHECK (jsonb_typeof(assignment) = 'object'),
  problem jsonb NOT NULL CHECK (jsonb_typeof(problem) = 'object'),
  -- io ZoningSolverInfo of the solve the plan started from (status, time, objective); null by hand.
  solver jsonb CHECK (solver IS NULL OR jsonb_typeof(solver) = 'object'),
  totals jsonb NOT NULL CHECK (jsonb_typeof(totals) = 'object'),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'withdrawn')),
  published_at timestamptz,
  published_by bigint REFERENCES app_user (id),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_by bigint REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_by bigint REFERENCES app_user (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT zoning_plan_published CHECK ((status = 'draft') = (published_at IS NULL))
);
CREATE INDEX zoning_plan_county_idx ON zoning_plan (county_code, year, stage);
CREATE UNIQUE INDEX zoning_plan_one_published ON zoning_plan (county_code, year, stage) WHERE status = 'published';

-- A published or withdrawn plan is a public record: only the step published → withdrawn remains.
CREATE FUNCTION zoning_plan_check_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status <> 'draft' AND NOT (
       OLD.status = 'published' AND NEW.status = 'withdrawn'
       AND (NEW.assignment, NEW.problem, NEW.totals, NEW.title) IS NOT DISTINCT FROM (OLD.assignment, OLD.problem, OLD.totals, OLD.title)
     ) THEN
    RAISE EXCEPTION 'zoning_plan %: a % plan cannot change', OLD.id, OLD.status USING ERRCODE = 'JH012';
  END IF;
  IF (NEW.county_code, NEW.year, NEW.stage) IS DISTINCT FROM (OLD.county_code, OLD.year, OLD.stage) THEN
    RAISE EXCEPTION 'zoning_plan %: county, year and stage cannot change', OLD.id USING ERRCODE = 'JH012';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER zoning_plan_check_change BEFORE UPDATE ON zoning_plan
  FOR EACH ROW EXECUTE FUNCTION zoning_plan_check_change();
CREATE TRIGGER zoning_plan_no_delete BEFORE DELETE ON zoning_plan
  FOR EACH ROW WHEN (OLD.status <> 'draft') EXECUTE FUNCTION reject_change();
