package org.griot.workflow;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.ArrayList;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.griot.access.Role;
import org.griot.access.UserDirectory;
import org.griot.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
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
 * so Camunda's user-operation log names the real person. The engine's administrators (Camunda group
 * {@code camunda-admin}) are Griot's ADMINs, provisioned at start, so Camunda's first-admin setup
 * wizard never appears; every request that may change the engine is in Griot's audit.
 */
@Configuration(proxyBeanMethods = false)
class CamundaWebSecurity {

    private static final Logger log = LoggerFactory.getLogger(CamundaWebSecurity.class);

    @Bean
    FilterRegistrationBean<EngineChangeAudit> engineChangeAudit(AuditTrail audit) {
        FilterRegistrationBean<EngineChangeAudit> registration = new FilterRegistrationBean<>(new EngineChangeAudit(audit));
        registration.addUrlPatterns("/camunda/*", "/engine-rest/*");
        registration.setOrder(100); // after the Spring Security filter chain, before Camunda's filters
        return registration;
    }

    /** After the demo users and the production bootstrap administrator exist (they run at order 0). */
    @Bean
    @Order(10)
    ApplicationRunner engineAdministrators(ProcessEngine engine, UserDirectory directory) {
        return args -> {
            List<String> admins = directory.enabledUsersWithRole(Role.ADMIN);
            admins.forEach(admin -> SpringSecurityUser.provisionCamundaUser(engine, admin, true));
            ensureAdminGroup(engine.getIdentityService());
            log.info("Engine administrators (Camunda group {}): {}", Groups.CAMUNDA_ADMIN, admins);
        };
    }

    private static void ensureAdminGroup(IdentityService identity) {
        if (identity.createGroupQuery().groupId(Groups.CAMUNDA_ADMIN).count() == 0) {
            Group group = identity.newGroup(Groups.CAMUNDA_ADMIN);
            group.setName("Griot administrators");
            group.setType(Groups.GROUP_TYPE_SYSTEM);
            try {
                identity.saveGroup(group);
            } catch (RuntimeException e) {
                // Another node created it at the same moment.
                if (identity.createGroupQuery().groupId(Groups.CAMUNDA_ADMIN).count() == 0) {
                    throw e;
                }
            }
        }
    }

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
            List<String> groups = new ArrayList<>(authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                    .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5).toLowerCase()).toList());
            boolean admin = groups.contains(Role.ADMIN.name().toLowerCase());
            if (admin) {
                groups.add(Groups.CAMUNDA_ADMIN);
            }
            provisionCamundaUser(engine, authentication.getName(), admin);
            AuthenticationResult result = AuthenticationResult.successful(authentication.getName());
            result.setGroups(groups);
            return result;
        }

        /**
         * Camunda's webapp only accepts users its identity service knows: a Griot user is provisioned
         * there on first visit, with an unusable random password (Griot alone authenticates); Griot's
         * ADMINs are members of camunda-admin, and a user who lost the role leaves it.
         */
        static void provisionCamundaUser(ProcessEngine engine, String userId, boolean admin) {
            String key = engine.getName() + "/" + userId + "/" + admin;
            if (PROVISIONED.contains(key)) {
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
            if (admin) {
                ensureAdminGroup(identity);
            }
            boolean member = identity.createUserQuery().userId(userId).memberOfGroup(Groups.CAMUNDA_ADMIN).count() > 0;
            if (admin && !member) {
                try {
                    identity.createMembership(userId, Groups.CAMUNDA_ADMIN);
                } catch (RuntimeException e) {
                    // Another request made the same member at the same moment.
                    if (identity.createUserQuery().userId(userId).memberOfGroup(Groups.CAMUNDA_ADMIN).count() == 0) {
                        throw e;
                    }
                }
            } else if (!admin && member) {
                identity.deleteMembership(userId, Groups.CAMUNDA_ADMIN);
            }
            PROVISIONED.remove(engine.getName() + "/" + userId + "/" + !admin);
            PROVISIONED.add(key);
        }
    }
}
