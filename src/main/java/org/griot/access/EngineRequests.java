package org.griot.access;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The engine's doors ({@code /camunda/**}, {@code /engine-rest/**}) sorted into requests that only read
 * and requests that may change the engine. A read is GET, HEAD or OPTIONS, or a POST on one of the
 * engine's query resources (Camunda queries with a POST body: {@code POST /process-instance} lists
 * instances, it creates nothing). Everything else is a change: ADMIN only, and audited.
 */
public final class EngineRequests {

    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    /** Engine paths: the webapp's engine API ({@code /camunda/api/engine/engine/{name}}) and the REST API. */
    private static final String ENGINE = "(?:/camunda/api/engine/engine/[^/]+|/engine-rest(?:/engine/[^/]+)?)";

    /** Query resources whose collection POST (and its /count) is a query in Camunda's REST API. */
    private static final Pattern QUERY = Pattern.compile(ENGINE + "/(?:process-instance|execution|task|variable-instance"
            + "|external-task|job|history/(?:process-instance|activity-instance|task|variable-instance|detail|job-log"
            + "|external-task-log|decision-instance|incident|batch|identity-link-log))(?:/count)?/?");

    /** Cockpit's base plugin: its POST resources are all queries (instances, incidents, called definitions). */
    private static final Pattern COCKPIT_QUERY = Pattern.compile("/camunda/api/cockpit/plugin/base/[^/]+/.*");

    private static final Pattern DOOR = Pattern.compile("/(?:camunda|engine-rest)(?:/.*)?");

    private EngineRequests() {
    }

    /** True for a request through one of the engine's doors. */
    public static boolean isEngineDoor(HttpServletRequest request) {
        return DOOR.matcher(path(request)).matches();
    }

    /** True for a request through the engine's doors that may change the engine (deploy, delete, modify...). */
    public static boolean changesEngine(HttpServletRequest request) {
        return isEngineDoor(request) && !isRead(request.getMethod(), path(request));
    }

    static boolean isRead(String method, String path) {
        if (READ_METHODS.contains(method)) {
            return true;
        }
        return "POST".equals(method) && (QUERY.matcher(path).matches() || COCKPIT_QUERY.matcher(path).matches());
    }

    /** Matches the reading requests of the engine's doors (for the security rules). */
    static RequestMatcher reads() {
        return request -> isEngineDoor(request) && isRead(request.getMethod(), path(request));
    }

    /** The path inside the application (no context path, no query string). */
    static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }
}
