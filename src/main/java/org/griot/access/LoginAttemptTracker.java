package org.griot.access;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import org.griot.audit.AuditAction;
import org.griot.audit.AuditEvent.Outcome;
import org.griot.audit.AuditTrail;
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
 * The audit of logins (form and HTTP Basic) and the one answer to a refused form login. Throttling
 * itself is {@link GriotAuthenticationProvider}'s; nothing here locks an account.
 */
@Component
class LoginAttemptTracker {

    private final UserAccountRepository users;
    private final AuditTrail audit;
    private final Clock clock;

    LoginAttemptTracker(UserAccountRepository users, AuditTrail audit, Clock clock) {
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Every failed authentication, form or HTTP Basic: audited with the reason and the address it
     * came from (a repeated throttled attempt is not, so a flood does not flood the audit trail).
     */
    @EventListener
    void onFailure(AbstractAuthenticationFailureEvent event) {
        String username = UserNames.normalise(event.getAuthentication().getName());
        String address = remoteAddress(event.getAuthentication().getDetails());
        AuthenticationException exception = event.getException();
        LoginRefusedException refused = exception instanceof LoginRefusedException r ? r : null;
        if (refused != null && refused.repeated()) {
            return;
        }
        if (refused != null && refused.reason() == LoginRefusedException.Reason.BAD_CREDENTIALS && username != null) {
            users.recordFailedLogin(username);
        }
        audit.recordAs(username == null ? "(blank)" : username, address, AuditAction.LOGIN_FAILED, "user:" + username,
                null, "reason=" + (refused == null ? "refused" : refused.auditText()), Outcome.FAILURE);
    }

    /** After a failed form login: one answer, whatever the reason (unknown, wrong, disabled, throttled). */
    AuthenticationFailureHandler failureHandler() {
        return (request, response, exception) -> response.sendRedirect(request.getContextPath() + "/login?error");
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

}
