-- Run once by the postgres image on a new volume: the roles the register expects.
-- register_owner (POSTGRES_USER) owns the schema and applies migrations; the API logs in as register_api,
-- a member of register_writer that owns nothing, so it cannot get round the audit triggers.
CREATE ROLE register_writer NOLOGIN;
CREATE ROLE register_api LOGIN PASSWORD 'register_api' IN ROLE register_writer;
