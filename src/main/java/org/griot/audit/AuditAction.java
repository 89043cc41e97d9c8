package org.griot.audit;

/** The actions Griot audits. Features add theirs here so auditors can filter on a known list. */
public final class AuditAction {

    public static final String LOGIN_SUCCEEDED = "LOGIN_SUCCEEDED";
    public static final String LOGIN_FAILED = "LOGIN_FAILED";
    public static final String ACCOUNT_LOCKED = "ACCOUNT_LOCKED";
    public static final String LOGOUT = "LOGOUT";
    public static final String ACCESS_DENIED = "ACCESS_DENIED";
    public static final String USER_CREATED = "USER_CREATED";
    public static final String USER_UPDATED = "USER_UPDATED";
    public static final String USER_ROLES_CHANGED = "USER_ROLES_CHANGED";
    public static final String USER_PASSWORD_RESET = "USER_PASSWORD_RESET";
    public static final String USER_UNLOCKED = "USER_UNLOCKED";
    public static final String PROCESS_DEPLOYED = "PROCESS_DEPLOYED";
    public static final String PROCESS_DEPLOYMENT_REJECTED = "PROCESS_DEPLOYMENT_REJECTED";
    public static final String RULES_ACTIVATED = "RULES_ACTIVATED";
    public static final String RULES_REJECTED = "RULES_REJECTED";
    public static final String RULES_PROMOTED = "RULES_PROMOTED";
    public static final String RULES_ROLLED_BACK = "RULES_ROLLED_BACK";
    public static final String RULES_RELEASE_REFUSED = "RULES_RELEASE_REFUSED";
    public static final String PROMPT_UPLOADED = "PROMPT_UPLOADED";
    public static final String PROMPT_REJECTED = "PROMPT_REJECTED";
    public static final String PROMPT_PROMOTED = "PROMPT_PROMOTED";
    public static final String PROMPT_ROLLED_BACK = "PROMPT_ROLLED_BACK";
    public static final String PROMPT_RELEASE_REFUSED = "PROMPT_RELEASE_REFUSED";
    public static final String AUDIT_VERIFIED = "AUDIT_VERIFIED";

    // audit trail keys and checkpoints
    /** First event signed with an audit key: the events before it are the unkeyed chain of earlier versions. */
    public static final String AUDIT_KEY_INTRODUCED = "AUDIT_KEY_INTRODUCED";
    /** First event signed with a new key; the previous key is retired (kept only to verify). */
    public static final String AUDIT_KEY_ROTATED = "AUDIT_KEY_ROTATED";

    // engine administration (Camunda webapps and REST)
    /** A request through Camunda's webapps or REST API that may change the engine (who, method, path, status). */
    public static final String ENGINE_CHANGED = "ENGINE_CHANGED";

    // logins and sessions

    // models and rules sandbox
    /** A decision stopped by the rules host (too many firings or too long): the caller fell back. */
    public static final String RULES_DECISION_STOPPED = "RULES_DECISION_STOPPED";

    private AuditAction() {
    }
}
