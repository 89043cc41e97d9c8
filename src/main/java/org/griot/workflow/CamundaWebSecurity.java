package org.griot.workflow;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Single sign-on into Camunda's webapp and REST API: Spring Security authenticates (and restricts
 * /camunda and /engine-rest to their roles); these filters hand the Griot user and roles to Camunda,
 * so Camunda's user-operation log names the real person.
 */
@Configuration(proxyBeanMethods = false)
class CamundaWebSecurity {

    @Bean
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> camundaWebappAuthentication() {
        FilterRegistrationBean<ContainerBasedAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
        registration.setInitParameters(Map.of("authentication-provider", SpringSecurityUser.class.getName()));
        registration.addUrlPatterns("/camunda/app/*", "/camunda/api/*");
        registration.setOrder(101); // after the Spring Security filter chain
        return registration;
    }

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> camundaRestAuthentication() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setInitParameters(Map.of("authentication-provider", SpringSecurityUser.class.getName()));
        registration.addUrlPatterns("/engine-rest/*");
        registration.setOrder(102);
        return registration;
    }

    /** The Spring Security user, with Griot roles as Camunda groups (e.g. "analyst"). */
    public static class SpringSecurityUser extends ContainerBasedAuthenticationProvider {

        private static final Set<String> PROVISIONED = ConcurrentHashMap.newKeySet();

        @Override
        public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication == null || !authentication.isAuthenticated()
                    || authentication instanceof AnonymousAuthenticationToken) {
                return AuthenticationResult.unsuccessful();
            }
            provisionCamundaUser(engine, authentication.getName());
            AuthenticationResult result = AuthenticationResult.successful(authentication.getName());
            List<String> groups = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                    .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5).toLowerCase()).toList();
            result.setGroups(groups);
            return result;
        }

        /**
         * Camunda's webapp only accepts users its identity service knows: a Griot user is provisioned
         * there on first visit, with an unusable random password (Griot alone authenticates).
         */
        private static void provisionCamundaUser(ProcessEngine engine, String userId) {
            if (PROVISIONED.contains(engine.getName() + "/" + userId)) {
                return;
            }
            IdentityService identity = engine.getIdentityService();
            if (identity.createUserQuery().userId(userId).count() == 0) {
                User user = identity.newUser(userId);
                user.setFirstName(userId);
                user.setLastName("(Griot)");
                user.setPassword(UUID.randomUUID() + "-" + UUID.randomUUID());
                try {
                    identity.saveUser(user);
                } catch (RuntimeException e) {
                    // Another request provisioned the same user at the same moment.
                    if (identity.createUserQuery().userId(userId).count() == 0) {
                        throw e;
                    }
                }
            }
            PROVISIONED.add(engine.getName() + "/" + userId);
        }
    }
}
