-- 启用学年: the first school year a school is expected to report for. A school registered by a
-- county's import for 2026 is not "missing" from 2025's publication. NULL = expected in every year
-- (schools registered before this column existed, and the register's choice to leave it open).
ALTER TABLE school ADD COLUMN first_year integer CONSTRAINT school_first_year_range CHECK (first_year BETWEEN 2000 AND 2100);
