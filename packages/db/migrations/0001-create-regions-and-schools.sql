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
