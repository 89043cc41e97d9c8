-- Griot's runtime database account: INSERT/SELECT only on the audit trail, ordinary rights elsewhere.
-- (ADR 0013, docs/security.md "Audit trail", docs/deployment.md "Database accounts".)
--
-- Two accounts use Griot's database:
--   the owner   (SPRING_LIQUIBASE_USER)   ALL PRIVILEGES ON griot.* WITH GRANT OPTION; Liquibase runs as it;
--   the runtime (GRIOT_DATABASE_USERNAME) what this procedure grants, table by table, and nothing on the
--                                         database as a whole (a database-level UPDATE would cover audit_event).
-- Source this file into Griot's database as an administrator, once:
--   mariadb -u root -p griot < docker/mariadb/runtime-grants.sql
-- Then, after every schema change (Griot does it itself after Liquibase when
-- GRIOT_DATABASE_RUNTIME_GRANTS_APPLY=true), as the owner:
--   CALL griot_grant_runtime_rights('griot', '%');
-- MariaDB has no "deny": rights only add up, so the procedure first revokes what the account has here.

DELIMITER //

CREATE OR REPLACE PROCEDURE griot_grant_runtime_rights(IN runtime_user VARCHAR(128), IN runtime_host VARCHAR(255))
    SQL SECURITY INVOKER
    COMMENT 'Griot: the runtime account may only read and append the audit trail'
BEGIN
    DECLARE done INT DEFAULT FALSE;
    DECLARE table_name_ VARCHAR(64);
    DECLARE account VARCHAR(400) DEFAULT CONCAT(QUOTE(runtime_user), '@', QUOTE(runtime_host));
    DECLARE tables_ CURSOR FOR
        SELECT TABLE_NAME FROM information_schema.TABLES
        WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME;
    DECLARE CONTINUE HANDLER FOR NOT FOUND SET done = TRUE;
    -- 1141/1147: "no such grant" when revoking what the account never had.
    DECLARE CONTINUE HANDLER FOR 1141, 1147 BEGIN END;

    IF DATABASE() IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'griot_grant_runtime_rights: select Griot''s database first';
    END IF;

    SET @griot_sql = CONCAT('REVOKE ALL PRIVILEGES ON `', DATABASE(), '`.* FROM ', account);
    PREPARE statement_ FROM @griot_sql; EXECUTE statement_; DEALLOCATE PREPARE statement_;

    OPEN tables_;
    each_table: LOOP
        FETCH tables_ INTO table_name_;
        IF done THEN
            LEAVE each_table;
        END IF;
        SET @griot_sql = CONCAT('REVOKE ALL PRIVILEGES ON `', DATABASE(), '`.`', table_name_, '` FROM ', account);
        PREPARE statement_ FROM @griot_sql; EXECUTE statement_; DEALLOCATE PREPARE statement_;
        SET @griot_sql = CONCAT('GRANT ',
            CASE LOWER(table_name_)
                -- the trail itself and the verification results: read and append, never change or remove
                WHEN 'audit_event' THEN 'SELECT, INSERT'
                WHEN 'audit_verification' THEN 'SELECT, INSERT'
                -- the one-row chain head is locked and moved on each append; moving it back is caught by the
                -- signed checkpoints outside the database
                WHEN 'audit_chain_head' THEN 'SELECT, UPDATE'
                -- Liquibase's own tables: read only (the owner migrates)
                WHEN 'databasechangelog' THEN 'SELECT'
                WHEN 'databasechangeloglock' THEN 'SELECT'
                ELSE 'SELECT, INSERT, UPDATE, DELETE'
            END,
            ' ON `', DATABASE(), '`.`', table_name_, '` TO ', account);
        PREPARE statement_ FROM @griot_sql; EXECUTE statement_; DEALLOCATE PREPARE statement_;
    END LOOP;
    CLOSE tables_;
END //

DELIMITER ;
