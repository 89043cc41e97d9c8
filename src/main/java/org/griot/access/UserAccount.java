package org.griot.access;

import java.time.Instant;
import java.util.Set;

/** A person who logs in to Griot. The password hash never leaves the access package's repository. */
public record UserAccount(String username, String displayName, boolean enabled, int failedAttempts,
        Instant lockedUntil, String preferredLanguage, Set<Role> roles, Instant lastLoginAt) {

    public boolean isLocked(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    /** A short, stable description used as the before/after state of audit events. */
    public String describe() {
        return "username=" + username + ", displayName=" + displayName + ", enabled=" + enabled + ", roles="
                + roles.stream().map(Enum::name).sorted().toList();
    }
}
