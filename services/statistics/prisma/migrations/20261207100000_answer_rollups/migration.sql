-- Two smaller copies of the kept answer counts, so the city's dashboards read thousands of rows
-- rather than tens of thousands (bench:statistics-answers, issue 10). Each row is the sum of
-- answer_cell_district rows: counts add, and key sums add modulo 2^32, so a cell assembled from
-- either table has the same count and cell key, and so the same published value (ADR 0011).
--  - answer_cell_district_total: without gender and occasion (a district or the city split by
--    district, age band or month, no gender or occasion filter);
--  - answer_cell_city: without the district, every district of the city (the central office has
--    no children of its own), for the whole city split or filtered by gender or occasion.
CREATE TABLE "answer_cell_district_total" (
    "question_id" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "district_id" TEXT NOT NULL,
    "age_band" TEXT NOT NULL,
    "version_id" UUID NOT NULL,
    "option_id" TEXT NOT NULL,
    "n" INTEGER NOT NULL,
    "key_sum" BIGINT NOT NULL,
    CONSTRAINT "answer_cell_district_total_pkey" PRIMARY KEY ("question_id", "period", "district_id", "age_band", "version_id", "option_id")
);
CREATE TABLE "answer_cell_city" (
    "question_id" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "age_band" TEXT NOT NULL,
    "version_id" UUID NOT NULL,
    "option_id" TEXT NOT NULL,
    "gender" TEXT NOT NULL,
    "occasion" TEXT NOT NULL,
    "n" INTEGER NOT NULL,
    "key_sum" BIGINT NOT NULL,
    CONSTRAINT "answer_cell_city_pkey" PRIMARY KEY ("question_id", "period", "age_band", "version_id", "option_id", "gender", "occasion")
);

-- A district's dashboard reads one district's rows of a few questions and months: led by the
-- district and covering every column it reads, so it is an index-only scan (14 ms -> 2 ms at
-- 10 M answers; the primary key leads with the question and interleaves all districts).
CREATE INDEX "answer_cell_district_scope_idx" ON "answer_cell_district" ("district_id", "question_id", "period")
  INCLUDE ("age_band", "version_id", "option_id", "gender", "occasion", "n", "key_sum");

-- Fills both from answer_cell_district (after a rebuild of it, and once here for what is kept).
CREATE FUNCTION answer_rollups_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM answer_cell_district_total;
  DELETE FROM answer_cell_city;
  INSERT INTO answer_cell_district_total
  SELECT question_id, period, district_id, age_band, version_id, option_id, sum(n)::int, sum(key_sum) % 4294967296
    FROM answer_cell_district GROUP BY 1, 2, 3, 4, 5, 6;
  INSERT INTO answer_cell_city
  SELECT question_id, period, age_band, version_id, option_id, gender, occasion, sum(n)::int, sum(key_sum) % 4294967296
    FROM answer_cell_district WHERE district_id <> 'central' GROUP BY 1, 2, 3, 4, 5, 6, 7;
$$;

CREATE OR REPLACE FUNCTION answer_cells_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM answer_cell_district;
  DELETE FROM answer_cell_unit;
  INSERT INTO answer_cell_district
  SELECT question_id, period, district_id, age_band, version_id, option_id, gender, occasion, count(*)::int, sum(record_key) % 4294967296
    FROM response_record_cell GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
  INSERT INTO answer_cell_unit
  SELECT district_id, unit_id, question_id, period, age_band, version_id, option_id, gender, occasion, count(*)::int, sum(record_key) % 4294967296
    FROM response_record_cell GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
  SELECT answer_rollups_rebuild();
$$;

SELECT answer_rollups_rebuild();
