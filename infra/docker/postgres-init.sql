-- Runs once, when the PostgreSQL data directory is first initialised
-- (docker-compose mounts it into /docker-entrypoint-initdb.d; k8s/dev/postgres-init.sql
-- must stay identical — tests/deployment checks that).
--
-- One database and one login role per service, so no service can read another's tables
-- (docs/CONVENTIONS.md "Databases"), plus Keycloak's own database.
--
-- DEV ONLY: the passwords below are public. Production uses the city's managed
-- PostgreSQL, where roles and passwords come from its secret store.

CREATE ROLE delaktig_identity        LOGIN PASSWORD 'dev-only-identity';
CREATE ROLE delaktig_survey_delivery LOGIN PASSWORD 'dev-only-survey-delivery';
CREATE ROLE delaktig_responses       LOGIN PASSWORD 'dev-only-responses';
CREATE ROLE delaktig_statistics      LOGIN PASSWORD 'dev-only-statistics';
CREATE ROLE delaktig_audit           LOGIN PASSWORD 'dev-only-audit';
-- The audit service's runtime role: may only read and append (grants in its migrations, ADR 0014).
CREATE ROLE delaktig_audit_writer    LOGIN PASSWORD 'dev-only-audit-writer';
CREATE ROLE delaktig_keycloak        LOGIN PASSWORD 'dev-only-keycloak';

CREATE DATABASE delaktig_identity        OWNER delaktig_identity;
CREATE DATABASE delaktig_survey_delivery OWNER delaktig_survey_delivery;
CREATE DATABASE delaktig_responses       OWNER delaktig_responses;
CREATE DATABASE delaktig_statistics      OWNER delaktig_statistics;
CREATE DATABASE delaktig_audit           OWNER delaktig_audit;
CREATE DATABASE delaktig_keycloak        OWNER delaktig_keycloak;

-- Only the owning role (and the superuser) may connect to each database.
REVOKE CONNECT, TEMPORARY ON DATABASE delaktig_identity        FROM PUBLIC;
REVOKE CONNECT, TEMPORARY ON DATABASE delaktig_survey_delivery FROM PUBLIC;
REVOKE CONNECT, TEMPORARY ON DATABASE delaktig_responses       FROM PUBLIC;
REVOKE CONNECT, TEMPORARY ON DATABASE delaktig_statistics      FROM PUBLIC;
REVOKE CONNECT, TEMPORARY ON DATABASE delaktig_audit           FROM PUBLIC;
REVOKE CONNECT, TEMPORARY ON DATABASE delaktig_keycloak        FROM PUBLIC;
