package org.griot.access;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.griot.audit.AuditAction;
import org.griot.audit.AuditEvent.Outcome;
import org.griot.audit.AuditTrail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating users and granting roles: administrator only, checked for separation of duties, and
 * audited with the state before and after, in the same transaction as the change.
 */
@Service
public class UserAdministration {

    static final int MIN_PASSWORD_LENGTH = 10;

    private final UserAccountRepository users;
    private final PasswordEncoder passwordEncoder;
    private final AuditTrail audit;
    private final UserSessions sessions;

    UserAdministration(UserAccountRepository users, PasswordEncoder passwordEncoder, AuditTrail audit,
            UserSessions sessions) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.audit = audit;
        this.sessions = sessions;
    }

    @PreAuthorize("hasRole('ADMIN')")
    public List<UserAccount> list() {
        return users.findAll();
    }

    @PreAuthorize("hasRole('ADMIN')")
    public Optional<UserAccount> find(String username) {
        return users.find(UserNames.normalise(username));
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public UserAccount create(String username, String displayName, String password, Set<Role> roles) {
        String name = createUnchecked(username, displayName, password, roles);
        UserAccount created = users.find(name).orElseThrow();
        audit.record(AuditAction.USER_CREATED, "user:" + name, null, created.describe(), Outcome.SUCCESS);
        return created;
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public UserAccount changeRoles(String name, Set<Role> roles) {
        UserAccount before = existing(name);
        String username = before.username();
        checkSeparationOfDuties(roles);
        if (before.roles().contains(Role.ADMIN) && !roles.contains(Role.ADMIN) && adminCount() <= 1) {
            throw new UserAdministrationException("last-admin", "The last administrator cannot lose the ADMIN role.");
        }
        users.replaceRoles(username, roles);
        UserAccount after = users.find(username).orElseThrow();
        audit.record(AuditAction.USER_ROLES_CHANGED, "user:" + username, before.describe(), after.describe(), Outcome.SUCCESS);
        if (!before.roles().equals(after.roles())) {
            sessions.end(username); // the roles of an open session are those of its login
        }
        return after;
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public UserAccount update(String name, String displayName, boolean enabled) {
        UserAccount before = existing(name);
        String username = before.username();
        requireText(displayName, "display-name", "A display name is required.");
        users.update(username, displayName.trim(), enabled);
        UserAccount after = users.find(username).orElseThrow();
        audit.record(AuditAction.USER_UPDATED, "user:" + username, before.describe(), after.describe(), Outcome.SUCCESS);
        if (!enabled) {
            sessions.end(username);
        }
        return after;
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public void resetPassword(String name, String newPassword) {
        String username = existing(name).username();
        checkPassword(newPassword);
        users.updatePasswordHash(username, passwordEncoder.encode(newPassword));
        audit.record(AuditAction.USER_PASSWORD_RESET, "user:" + username, null, null, Outcome.SUCCESS);
        sessions.end(username);
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public void unlock(String name) {
        UserAccount before = existing(name);
        String username = before.username();
        users.unlock(username);
        audit.record(AuditAction.USER_UNLOCKED, "user:" + username, "failedAttempts=" + before.failedAttempts()
                + ", lockedUntil=" + before.lockedUntil(), "failedAttempts=0", Outcome.SUCCESS);
    }

    /**
     * For start-up seeding (demo users, the production bootstrap admin): no caller to check. The name is
     * normalised (trim, NFKC, lower case) and must then be plain [a-z0-9._-], so "Admin" or full-width
     * "ａｄｍｉｎ" is the taken name "admin", and look-alikes (Cyrillic, invisible characters) are refused.
     * Returns the stored (normalised) name.
     */
    String createUnchecked(String requested, String displayName, String password, Set<Role> roles) {
        String username = UserNames.normalise(requested);
        if (!UserNames.isValid(username)) {
            throw new UserAdministrationException("username",
                    "A username is 2 to 64 lower-case letters, digits, dots, dashes or underscores.");
        }
        if (users.exists(username)) {
            throw new UserAdministrationException("username-taken", "The username " + username + " is already taken.");
        }
        requireText(displayName, "display-name", "A display name is required.");
        checkPassword(password);
        checkSeparationOfDuties(roles);
        users.create(username, displayName.trim(), passwordEncoder.encode(password), roles);
        return username;
    }

    static void checkSeparationOfDuties(Set<Role> roles) {
        if (roles == null || roles.isEmpty()) {
            throw new UserAdministrationException("roles", "A user needs at least one role.");
        }
        for (Role role : roles) {
            Set<Role> conflicts = EnumSet.copyOf(roles);
            conflicts.retainAll(role.incompatibleWith());
            if (!conflicts.isEmpty()) {
                throw new UserAdministrationException("separation-of-duties",
                        "Separation of duties: " + role + " cannot be held together with " + conflicts + ".");
            }
        }
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new UserAdministrationException("password",
                    "A password has at least " + MIN_PASSWORD_LENGTH + " characters.");
        }
    }

    private static void requireText(String value, String field, String message) {
        if (value == null || value.isBlank()) {
            throw new UserAdministrationException(field, message);
        }
    }

    private UserAccount existing(String username) {
        return users.find(UserNames.normalise(username)).orElseThrow(() -> new UserAdministrationException("unknown-user",
                "No user named " + username + "."));
    }

    private long adminCount() {
        return users.findAll().stream().filter(u -> u.roles().contains(Role.ADMIN) && u.enabled()).count();
    }
}
