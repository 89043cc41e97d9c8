package org.griot.access;



import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may reach what. Everything not listed here is denied (least privilege by default); services
 * repeat the check with {@code @PreAuthorize}, so a forgotten URL rule does not open a door.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
public class SecurityConfiguration {

    private static final String[] READERS_OF_MODELS = {"ANALYST", "ADMIN", "AUDITOR"};
    private static final String[] EDITORS_OF_MODELS = {"ANALYST", "ADMIN"};
    private static final String[] READERS_OF_IVR_MAP = {"ANALYST", "SUPERVISOR", "AUDITOR"};

    /**
     * Griot's pages: scripts, styles, images and connections from Griot only, no inline script or style
     * (the templates hold none), no plug-ins, no framing by other sites, forms posted only to Griot.
     */
    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "media-src 'self'; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'self'";

    /** JSON and metrics answers are never a page: nothing may load, nobody may frame them. */
    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

    /** Servlet-path-independent matcher: Camunda's REST and webapp are not Spring MVC endpoints. */
    private static RequestMatcher ant(String pattern) {
        return new AntPathRequestMatcher(pattern);
    }

    /** Who has which browser session: lets an administrator's change end a user's sessions (UserSessions). */
    @Bean
    SessionRegistry sessionRegistry() {
        return new SessionRegistryImpl();
    }

    /** Tells the session registry about sessions that time out or are invalidated. */
    @Bean
    HttpSessionEventPublisher httpSessionEventPublisher() {
        return new HttpSessionEventPublisher();
    }

    /**
     * Publishes every failed login as an event (audited by LoginAttemptTracker): Spring's publisher maps
     * exception classes by exact name, and a refused login is always a LoginRefusedException.
     */
    @Bean
    AuthenticationEventPublisher authenticationEventPublisher(ApplicationEventPublisher events) {
        DefaultAuthenticationEventPublisher publisher = new DefaultAuthenticationEventPublisher(events);
        publisher.setDefaultAuthenticationFailureEvent(AuthenticationFailureBadCredentialsEvent.class);
        return publisher;
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        // bcrypt by default; the {id} prefix lets a later switch to argon2 re-hash on login.
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** Machine clients (Camunda REST, Prometheus): HTTP Basic, stateless, no CSRF (no browser session). */
    @Bean
    @Order(1)
    SecurityFilterChain machineApi(HttpSecurity http, LoginAttemptTracker tracker) throws Exception {
        http.securityMatcher(new OrRequestMatcher(ant("/engine-rest/**"), ant("/actuator/**"), ant("/api/**")))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
                        .requestMatchers(EndpointRequest.to("prometheus", "metrics")).hasRole("ADMIN")
                        .requestMatchers(ant("/engine-rest/**")).hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/processes/**", "/api/rules/**").hasAnyRole(READERS_OF_MODELS)
                        .requestMatchers("/api/processes/**", "/api/rules/**").hasAnyRole(EDITORS_OF_MODELS)
                        .anyRequest().denyAll())
                .httpBasic(basic -> basic.realmName("Griot"))
                .exceptionHandling(ex -> ex.accessDeniedHandler(tracker.accessDeniedHandler()))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(API_POLICY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    /** People in browsers: form login, session, CSRF. */
    @Bean
    @Order(2)
    SecurityFilterChain browser(HttpSecurity http, LoginAttemptTracker tracker, SessionRegistry sessions,
            @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/login", "/css/**", "/js/**", "/images/**", "/favicon.ico", "/error").permitAll()
                        .requestMatchers("/").authenticated()
                        .requestMatchers("/account/**").authenticated()
                        // Releases (promote, rollback) are the analysts' (ProcessReleases says so too): refused at
                        // the door, so an ADMIN gets 403 whether the process exists or not.
                        .requestMatchers(HttpMethod.POST, "/processes/*/promote", "/processes/*/rollback").hasRole("ANALYST")
                        .requestMatchers(HttpMethod.GET, "/processes/**", "/rules/**").hasAnyRole(READERS_OF_MODELS)
                        .requestMatchers("/processes/**", "/rules/**").hasAnyRole(EDITORS_OF_MODELS)
                        // IVR prompts: read like the models; uploads, promotions and rollbacks by analysts.
                        .requestMatchers(HttpMethod.GET, "/prompts", "/prompts/**").hasAnyRole(READERS_OF_MODELS)
                        .requestMatchers(HttpMethod.POST, "/prompts", "/prompts/**").hasRole("ANALYST")
                        // The IVR simulator places calls: analysts only, and only GET (pages, event stream) and POST.
                        .requestMatchers(HttpMethod.GET, "/ivr/simulator", "/ivr/simulator/**").hasRole("ANALYST")
                        .requestMatchers(HttpMethod.POST, "/ivr/simulator", "/ivr/simulator/**").hasRole("ANALYST")
                        .requestMatchers(HttpMethod.GET, "/ivr/map").hasAnyRole(READERS_OF_IVR_MAP)
                        .requestMatchers("/desk", "/desk/**").hasRole("AGENT")
                        .requestMatchers("/demo/**").hasAnyRole("AGENT", "SUPERVISOR", "ANALYST", "ADMIN")
                        .requestMatchers("/routing/**", "/callbacks", "/callbacks/**").hasAnyRole("ADMIN", "SUPERVISOR")
                        .requestMatchers("/audit/**").hasRole("AUDITOR")
                        .requestMatchers("/admin/**").hasRole("ADMIN")
                        // One door to the engine: Camunda's first-admin wizard never (the engine's administrators
                        // are Griot's ADMINs); its admin app for ADMIN; reads for the readers of models; the rest
                        // (deploy, delete, modify, users, authorizations...) for ADMIN, audited (EngineChangeAudit).
                        .requestMatchers(ant("/camunda/api/admin/setup/**"), ant("/camunda/app/admin/*/setup/**"))
                        .denyAll()
                        .requestMatchers(ant("/camunda/app/admin/**")).hasRole("ADMIN")
                        .requestMatchers(EngineRequests.reads()).hasAnyRole(READERS_OF_MODELS)
                        .requestMatchers(ant("/camunda/**")).hasRole("ADMIN")
                        // A URL no controller serves is a 404 for a logged-in user (not a 403 that hints at
                        // a door); a controller's URL without a rule above stays denied.
                        .anyRequest().access(unknownUrlsForLoggedInUsers(mappings)))
                .formLogin(form -> form.loginPage("/login").permitAll()
                        .failureHandler(tracker.failureHandler())
                        .successHandler(tracker.successHandler()))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout")
                        .addLogoutHandler(tracker.logoutHandler()))
                .exceptionHandling(ex -> ex.accessDeniedHandler(tracker.accessDeniedHandler()))
                // Sessions are registered so that disabling a user or changing their roles ends them.
                .sessionManagement(s -> s.maximumSessions(-1).sessionRegistry(sessions).expiredUrl("/login?expired"))
                // Camunda's webapp has its own CSRF protection (X-XSRF-TOKEN); two would conflict.
                .csrf(csrf -> csrf.ignoringRequestMatchers(ant("/camunda/**")))
                // X-Content-Type-Options: nosniff is Spring Security's default. Camunda's webapps send their own
                // CSP (nonces, and the 'unsafe-eval' AngularJS needs): ours would only break them there.
                .headers(headers -> headers
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                new NegatedRequestMatcher(ant("/camunda/**")), new ContentSecurityPolicyHeaderWriter(PAGE_POLICY)))
                        .frameOptions(frame -> frame.sameOrigin())
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /** Granted to a logged-in user when no controller maps the request (so the answer is a 404). */
    private static AuthorizationManager<RequestAuthorizationContext> unknownUrlsForLoggedInUsers(
            RequestMappingHandlerMapping mappings) {
        AuthenticatedAuthorizationManager<RequestAuthorizationContext> authenticated = AuthenticatedAuthorizationManager.authenticated();
        return (authentication, context) -> {
            AuthorizationDecision loggedIn = authenticated.check(authentication, context);
            return new AuthorizationDecision(loggedIn != null && loggedIn.isGranted() && !servedByAController(mappings,
                    context.getRequest()));
        };
    }

    private static boolean servedByAController(RequestMappingHandlerMapping mappings, HttpServletRequest request) {
        Object previousPath = request.getAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
        try {
            ServletRequestPathUtils.parseAndCache(request);
            return mappings.getHandler(request) != null;
        } catch (Exception e) {
            return true; // e.g. a controller's path with another method: not an unknown URL
        } finally {
            request.setAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE, previousPath);
        }
    }
}
