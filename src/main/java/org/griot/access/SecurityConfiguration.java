package org.griot.access;



import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
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

    /** Servlet-path-independent matcher: Camunda's REST and webapp are not Spring MVC endpoints. */
    private static RequestMatcher ant(String pattern) {
        return new AntPathRequestMatcher(pattern);
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
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    /** People in browsers: form login, session, CSRF. */
    @Bean
    @Order(2)
    SecurityFilterChain browser(HttpSecurity http, LoginAttemptTracker tracker) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/login", "/css/**", "/js/**", "/images/**", "/favicon.ico", "/error").permitAll()
                        .requestMatchers("/").authenticated()
                        .requestMatchers("/account/**").authenticated()
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
                        .anyRequest().denyAll())
                .formLogin(form -> form.loginPage("/login").permitAll()
                        .failureHandler(tracker.failureHandler())
                        .successHandler(tracker.successHandler()))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout")
                        .addLogoutHandler(tracker.logoutHandler()))
                .exceptionHandling(ex -> ex.accessDeniedHandler(tracker.accessDeniedHandler()))
                // Camunda's webapp has its own CSRF protection (X-XSRF-TOKEN); two would conflict.
                .csrf(csrf -> csrf.ignoringRequestMatchers(ant("/camunda/**")))
                .headers(headers -> headers
                        .frameOptions(frame -> frame.sameOrigin())
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }
}
