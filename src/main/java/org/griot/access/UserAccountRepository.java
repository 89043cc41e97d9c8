package org.griot.access;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Users and roles in MariaDB (tables user_account and user_role). */
@Repository
class UserAccountRepository {

    private final JdbcClient jdbc;

    UserAccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<UserAccount> find(String username) {
        return jdbc.sql("""
                select username, display_name, enabled, failed_attempts, locked_until, preferred_language, last_login_at
                from user_account where username = ?""")
                .param(username)
                .query((rs, i) -> new UserAccount(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getInt(4),
                        instant(rs.getTimestamp(5)), rs.getString(6), rolesOf(rs.getString(1)), instant(rs.getTimestamp(7))))
                .optional();
    }

    List<UserAccount> findAll() {
        return jdbc.sql("select username from user_account order by username").query(String.class).list().stream()
                .map(this::find).flatMap(Optional::stream).toList();
    }

    Optional<String> passwordHash(String username) {
        return jdbc.sql("select password_hash from user_account where username = ?").param(username)
                .query(String.class).optional();
    }

    List<String> allPasswordHashes() {
        return jdbc.sql("select password_hash from user_account").query(String.class).list();
    }

    boolean exists(String username) {
        return jdbc.sql("select count(*) from user_account where username = ?").param(username)
                .query(Integer.class).single() > 0;
    }

    boolean anyWithRole(Role role) {
        return jdbc.sql("select count(*) from user_role where role = ?").param(role.name()).query(Integer.class).single() > 0;
    }

    @Transactional
    void create(String username, String displayName, String passwordHash, Set<Role> roles) {
        jdbc.sql("insert into user_account (username, display_name, password_hash) values (?, ?, ?)")
                .params(username, displayName, passwordHash).update();
        replaceRoles(username, roles);
    }

    @Transactional
    void replaceRoles(String username, Set<Role> roles) {
        jdbc.sql("delete from user_role where username = ?").param(username).update();
        for (Role role : roles) {
            jdbc.sql("insert into user_role (username, role) values (?, ?)").params(username, role.name()).update();
        }
    }

    void update(String username, String displayName, boolean enabled) {
        jdbc.sql("update user_account set display_name = ?, enabled = ? where username = ?")
                .params(displayName, enabled, username).update();
    }

    void updatePasswordHash(String username, String passwordHash) {
        jdbc.sql("update user_account set password_hash = ?, failed_attempts = 0, locked_until = null where username = ?")
                .params(passwordHash, username).update();
    }

    /** Counts one more failed login (shown to administrators; it locks nothing). */
    void recordFailedLogin(String username) {
        jdbc.sql("update user_account set failed_attempts = failed_attempts + 1 where username = ?").param(username).update();
    }

    void recordSuccessfulLogin(String username, Instant at) {
        jdbc.sql("update user_account set failed_attempts = 0, locked_until = null, last_login_at = ? where username = ?")
                .params(Timestamp.from(at), username).update();
    }

    void unlock(String username) {
        jdbc.sql("update user_account set failed_attempts = 0, locked_until = null where username = ?").param(username).update();
    }

    private Set<Role> rolesOf(String username) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        jdbc.sql("select role from user_role where username = ?").param(username).query(String.class).list()
                .forEach(r -> roles.add(Role.valueOf(r)));
        return roles;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
