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
