package org.griot.access;

import java.util.EnumSet;
import java.util.Set;

/** Griot's roles. Each user gets only the roles their job needs (least privilege). */
public enum Role {
    AGENT,
    SUPERVISOR,
    ANALYST,
    CRISIS,
    AUDITOR,
    ADMIN,
    CLIENT_VIEWER;

    /** The Spring Security authority of this role. */
    public String authority() {
        return "ROLE_" + name();
    }

    /**
     * Separation of duties: roles that one person must not hold together. An auditor cannot
     * administer what they audit; the operator's read-only viewer holds no internal role.
     */
    public Set<Role> incompatibleWith() {
        return switch (this) {
            case AUDITOR -> EnumSet.of(ADMIN, ANALYST, CLIENT_VIEWER);
            case ADMIN, ANALYST -> EnumSet.of(AUDITOR, CLIENT_VIEWER);
            case CLIENT_VIEWER -> EnumSet.complementOf(EnumSet.of(CLIENT_VIEWER));
            default -> EnumSet.of(CLIENT_VIEWER);
        };
    }
}
