-- 均衡分班 (a school's entrants of one grade placed into N classes) and 指标到校 (a quality high
-- school's places allocated to the county's junior schools). packages/db/src/classPlacements.ts
-- and quotaAllocations.ts.

-- One placement of one grade of one school. The entrants' names are minors' personal data: the
-- whole roster with names is ONE sealed JSON value (students_sealed, PersonalCipher); `roster`
-- holds what the algorithm and the lists need without a name (entrant key, masked name, gender,
-- entry score, 随班就读, 留守, constraint codes), and `assignment` the entrant key → class number.
-- version is the optimistic-concurrency token (raised by one on every change, 409 when stale).
CREATE TABLE class_placement (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  school_id text NOT NULL REFERENCES school (id),
  county_code text NOT NULL REFERENCES region (code),
  year integer NOT NULL REFERENCES school_year (start_year),
  stage text NOT NULL CHECK (stage IN ('primary', 'junior')),
  -- 一年级 / 七年级 …, as the school calls the grade.
  grade_label text NOT NULL CHECK (length(grade_label) BETWEEN 1 AND 20),
  class_count integer NOT NULL CHECK (class_count BETWEEN 1 AND 60),
  -- ["七年级（1）班", …]: one name per class, class_count of them.
  class_names jsonb NOT NULL CHECK (jsonb_typeof(class_names) = 'array'),
  students_sealed text NOT NULL CHECK (students_sealed LIKE 'v1:%'),
  student_count integer NOT NULL CHECK (student_count >= 0),
  roster jsonb NOT NULL CHECK (jsonb_typeof(roster) = 'array'),
  assignment jsonb CHECK (assignment IS NULL OR jsonb_typeof(assignment) = 'object'),
  -- Seed of the local search: the same roster, class count and seed give the same placement.
  seed text NOT NULL CHECK (length(seed) BETWEEN 1 AND 64),
  -- The balance report: per-class figures of ours and of the snake draft, spreads, constraints.
  report jsonb CHECK (report IS NULL OR jsonb_typeof(report) = 'object'),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  -- The head-teacher (班主任) draw of these classes (lottery draws, migration 0010): made only once
  -- the placement is published (its classes final), one per placement, never unlinked or replaced
  -- (class_placement_frozen below), so no one can re-place children after seeing who teaches where.
  head_teacher_draw_id bigint UNIQUE REFERENCES lottery_draw (id),
  -- The teachers entered in that draw (adults, public): names in the order entered.
  head_teachers jsonb CHECK (head_teachers IS NULL OR jsonb_typeof(head_teachers) = 'array'),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_by bigint REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_by bigint REFERENCES app_user (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  published_by bigint REFERENCES app_user (id),
  published_at timestamptz,
  CONSTRAINT class_placement_class_names CHECK (jsonb_array_length(class_names) = class_count),
  CONSTRAINT class_placement_published CHECK (
    (status = 'published') = (published_at IS NOT NULL) AND (published_at IS NULL) = (published_by IS NULL)
  ),
  CONSTRAINT class_placement_published_has_result CHECK (status = 'draft' OR (assignment IS NOT NULL AND report IS NOT NULL)),
  CONSTRAINT class_placement_draw_when_published CHECK (head_teacher_draw_id IS NULL OR status = 'published'),
  CONSTRAINT class_placement_draw_teachers CHECK ((head_teacher_draw_id IS NULL) = (head_teachers IS NULL))
);
CREATE INDEX class_placement_school_year_idx ON class_placement (school_id, year);
CREATE INDEX class_placement_county_year_idx ON class_placement (county_code, year);
-- 公示 is final: one published placement per school, year and stage (a second one would let a
-- school pick, after the head-teacher draw, the placement whose classes suit it).
CREATE UNIQUE INDEX class_placement_one_published ON class_placement (school_id, year, stage)
  WHERE status = 'published';

-- A published placement never changes (nor is it deleted), except that its head-teacher draw is
-- linked once; a linked draw is never unlinked or replaced.
CREATE FUNCTION class_placement_frozen_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status = 'published' THEN
      RAISE EXCEPTION 'class_placement % is published: DELETE rejected', OLD.id USING ERRCODE = 'JH011';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.head_teacher_draw_id IS NOT NULL
     AND (NEW.head_teacher_draw_id IS DISTINCT FROM OLD.head_teacher_draw_id
          OR NEW.head_teachers IS DISTINCT FROM OLD.head_teachers) THEN
    RAISE EXCEPTION 'class_placement %: its head-teacher draw % cannot be unlinked or replaced',
      OLD.id, OLD.head_teacher_draw_id USING ERRCODE = 'JH011';
  END IF;
  IF OLD.status = 'published'
     AND (to_jsonb(NEW) - ARRAY['head_teacher_draw_id', 'head_teachers', 'version', 'updated_by', 'updated_at'])
         IS DISTINCT FROM
         (to_jsonb(OLD) - ARRAY['head_teacher_draw_id', 'head_teachers', 'version', 'updated_by', 'updated_at']) THEN
    RAISE EXCEPTION 'class_placement % is published: only its head-teacher draw may be linked', OLD.id
      USING ERRCODE = 'JH011';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER class_placement_frozen BEFORE UPDATE OR DELETE ON class_placement
  FOR EACH ROW EXECUTE FUNCTION class_placement_frozen_check();

-- One saved 指标到校 allocation: the inputs (junior schools with the graduates the bureau confirmed,
-- and the 乡村 flag as the register's school.locality had it) and core's allocateQuota result, so the
-- calculation can be shown again.
CREATE TABLE quota_allocation (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_code text NOT NULL REFERENCES region (code),
  year integer NOT NULL REFERENCES school_year (start_year),
  high_school_name text NOT NULL CHECK (length(high_school_name) BETWEEN 1 AND 100),
  -- 招生计划总数 of the high school.
  places integer NOT NULL CHECK (places >= 0),
  -- Share of the plan that goes to 指标到校 (0–1), at least the rule's minimum.
  allocated_share double precision NOT NULL CHECK (allocated_share > 0 AND allocated_share <= 1),
  -- Weight multiplier of 乡村 schools (≥ 1).
  rural_tilt double precision NOT NULL CHECK (rural_tilt >= 1),
  -- Least places per school with graduates.
  minimum integer NOT NULL CHECK (minimum >= 0),
  inputs jsonb NOT NULL CHECK (jsonb_typeof(inputs) = 'array'),
  result jsonb NOT NULL CHECK (jsonb_typeof(result) = 'object'),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_by bigint REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_by bigint REFERENCES app_user (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX quota_allocation_county_year_idx ON quota_allocation (county_code, year);
