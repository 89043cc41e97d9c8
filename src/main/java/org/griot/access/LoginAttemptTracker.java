package org.griot.access;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import org.griot.audit.AuditAction;
import org.griot.audit.AuditEvent.Outcome;
import org.griot.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.context.event.EventListener;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.stereotype.Component;

/**
 * Login throttling and the audit of logins: each failure (form or HTTP Basic) counts against the
 * account; at the limit the account is locked for a while (no password is even checked then).
 */
@Component
class LoginAttemptTracker {

    private static final Logger log = LoggerFactory.getLogger(LoginAttemptTracker.class);

    private final UserAccountRepository users;
    private final AuditTrail audit;
    private final SecurityProperties properties;
    private final Clock clock;

    LoginAttemptTracker(UserAccountRepository users, AuditTrail audit, SecurityProperties properties, Clock clock) {
        this.users = users;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Every failed authentication, form or HTTP Basic: counted against the account (locked at the
     * limit) and audited with the reason and the address it came from.
     */
    @EventListener
    void onFailure(AbstractAuthenticationFailureEvent event) {
        String username = trimmed(event.getAuthentication().getName());
        String address = remoteAddress(event.getAuthentication().getDetails());
        AuthenticationException exception = event.getException();
        String reason;
        if (exception instanceof LockedException) {
            reason = "account locked";
        } else if (exception instanceof DisabledException) {
            reason = "account disabled";
        } else if (username != null && users.exists(username)) {
            reason = "bad credentials";
            Instant lockUntil = clock.instant().plus(properties.lockoutDuration());
            int attempts = users.recordFailedLogin(username, properties.maxFailedLogins(), lockUntil);
            if (attempts == properties.maxFailedLogins()) {
                log.warn("Account {} locked until {} after {} failed logins from {}", username, lockUntil, attempts, address);
                audit.recordAs(username, address, AuditAction.ACCOUNT_LOCKED, "user:" + username, null,
                        "lockedUntil=" + lockUntil + ", failedAttempts=" + attempts, Outcome.SUCCESS);
            }
        } else {
            reason = "unknown user";
        }
        audit.recordAs(username == null ? "(blank)" : username, address, AuditAction.LOGIN_FAILED, "user:" + username,
                null, "reason=" + reason, Outcome.FAILURE);
    }

    /** After a failed form login: say "locked" when the account is (now) locked, else a plain error. */
    AuthenticationFailureHandler failureHandler() {
        return (request, response, exception) -> {
            String username = trimmed(request.getParameter("username"));
            boolean locked = exception instanceof LockedException || (username != null
                    && users.find(username).map(u -> u.isLocked(clock.instant())).orElse(false));
            response.sendRedirect(request.getContextPath() + (locked ? "/login?locked" : "/login?error"));
        };
    }

    /** Interactive (form) logins only: machine clients authenticating on every request are not logins. */
    AuthenticationSuccessHandler successHandler() {
        SavedRequestAwareAuthenticationSuccessHandler delegate = new SavedRequestAwareAuthenticationSuccessHandler();
        delegate.setDefaultTargetUrl("/");
        return (request, response, authentication) -> {
            users.recordSuccessfulLogin(authentication.getName(), clock.instant());
            audit.recordAs(authentication.getName(), request.getRemoteAddr(), AuditAction.LOGIN_SUCCEEDED,
                    "user:" + authentication.getName(), null, null, Outcome.SUCCESS);
            delegate.onAuthenticationSuccess(request, response, authentication);
        };
    }

    private static String remoteAddress(Object details) {
        return details instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
    }

    LogoutHandler logoutHandler() {
        return (request, response, authentication) -> {
            if (authentication != null) {
                audit.recordAs(authentication.getName(), request.getRemoteAddr(), AuditAction.LOGOUT,
                        "user:" + authentication.getName(), null, null, Outcome.SUCCESS);
            }
        };
    }

    AccessDeniedHandler accessDeniedHandler() {
        AccessDeniedHandlerImpl delegate = new AccessDeniedHandlerImpl();
        return (request, response, exception) -> {
            var principal = request.getUserPrincipal();
            audit.recordAs(principal == null ? null : principal.getName(), request.getRemoteAddr(), AuditAction.ACCESS_DENIED,
                    request.getMethod() + " " + request.getRequestURI(), null, null, Outcome.DENIED);
            if (response.isCommitted()) {
                return;
            }
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            delegate.handle(request, response, exception);
        };
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
