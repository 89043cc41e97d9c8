#!/bin/bash
# MariaDB image init script (/docker-entrypoint-initdb.d, first start of an empty volume only):
# Griot's two accounts. The owner migrates the schema (Liquibase); the runtime account gets, table by
# table, what runtime-grants.sql (mounted as 20-runtime-grants.sql, run next by the image into
# MARIADB_DATABASE) grants once Liquibase has created the tables: INSERT/SELECT only on the audit trail.
set -euo pipefail
: "${GRIOT_DATABASE_OWNER_USERNAME:?}" "${GRIOT_DATABASE_OWNER_PASSWORD:?}" "${GRIOT_DATABASE_USERNAME:?}" "${GRIOT_DATABASE_PASSWORD:?}"
sql_string() { printf "'%s'" "$(printf '%s' "$1" | sed "s/\\\\/\\\\\\\\/g; s/'/\\\\'/g")"; }
owner="$(sql_string "$GRIOT_DATABASE_OWNER_USERNAME")@'%'"
runtime="$(sql_string "$GRIOT_DATABASE_USERNAME")@'%'"
mariadb --protocol=socket -uroot -p"$MARIADB_ROOT_PASSWORD" <<SQL
CREATE DATABASE IF NOT EXISTS griot CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS $owner IDENTIFIED BY $(sql_string "$GRIOT_DATABASE_OWNER_PASSWORD");
GRANT ALL PRIVILEGES ON griot.* TO $owner WITH GRANT OPTION;
CREATE USER IF NOT EXISTS $runtime IDENTIFIED BY $(sql_string "$GRIOT_DATABASE_PASSWORD");
SQL
