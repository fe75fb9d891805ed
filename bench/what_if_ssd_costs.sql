-- Planner costs for a server on SSD storage, tried on the bench database with
--   .venv/bin/python bench/foundation.py --what-if-sql bench/what_if_ssd_costs.sql
-- PostgreSQL's default random_page_cost (4) assumes spinning disks; at 4 the planner
-- prefers a sequential scan over the trigram index for a search term matching about a
-- thousand employees, and walks the whole (full_name) index for "ORDER BY full_name
-- LIMIT 50" instead of sorting the matches. 1.1 is the usual setting for SSDs. In
-- production it belongs in postgresql.conf; here it is set on the bench database only.
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET random_page_cost = 1.1', current_database());
END
$$;
