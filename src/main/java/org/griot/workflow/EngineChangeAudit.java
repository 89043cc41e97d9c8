package org.griot.workflow;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.griot.access.EngineRequests;
import org.griot.audit.AuditAction;
import org.griot.audit.AuditEvent.Outcome;
import org.griot.audit.AuditTrail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Griot's audit of every request that may change the engine through Camunda's own doors (webapps,
 * webapp API, REST): who, method, path and the answer's status. It runs after Spring Security, so it
 * sees only allowed requests; refused ones are audited as ACCESS_DENIED by the security layer.
 */
class EngineChangeAudit extends OncePerRequestFilter {

    private final AuditTrail audit;

    EngineChangeAudit(AuditTrail audit) {
        this.audit = audit;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !EngineRequests.changesEngine(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // Read before the chain: Camunda's filters may clear the security context on the way out.
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String actor = authentication == null ? null : authentication.getName();
        String target = request.getMethod() + " " + request.getRequestURI();
        int status = HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        try {
            chain.doFilter(request, response);
            status = response.getStatus();
        } finally {
            audit.recordAs(actor, request.getRemoteAddr(), AuditAction.ENGINE_CHANGED, target, null, "status=" + status,
                    status < 400 ? Outcome.SUCCESS : Outcome.FAILURE);
        }
    }
}
