package org.griot.access;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Form and HTTP Basic logins: the name normalised ({@link UserNames}), the (account, source) throttled
 * ({@link LoginThrottle}), the password checked first — also for unknown names, against a dummy hash,
 * and for disabled accounts — so that neither the answer nor its time tells why a login failed.
 */
@Component
class GriotAuthenticationProvider implements AuthenticationProvider {

    private final UserAccountRepository users;
    private final PasswordEncoder encoder;
    private final LoginThrottle throttle;
    private final Clock clock;
    private volatile String dummyHash;

    GriotAuthenticationProvider(UserAccountRepository users, PasswordEncoder encoder, SecurityProperties properties,
            Clock clock) {
        this.users = users;
        this.encoder = encoder;
        SecurityProperties.LoginThrottling t = properties.loginThrottling();
        this.throttle = new LoginThrottle(t.freeFailures(), t.initialDelay(), t.maxDelay(), t.forgetAfter(), 100_000);
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String name = UserNames.normalise(authentication.getName());
        String source = source(authentication.getDetails());
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        if (name == null) {
            encoder.matches(password, dummyHash());
            throw new LoginRefusedException(LoginRefusedException.Reason.BLANK_NAME);
        }
        Optional<LoginThrottle.Refusal> refusal = throttle.check(name, source, clock.instant());
        if (refusal.isPresent()) {
            boolean repeated = !refusal.get().first();
            throw new LoginRefusedException(LoginRefusedException.Reason.THROTTLED, repeated,
                    " (retry in " + refusal.get().retryAfter().toSeconds() + " s" + (repeated ? ", repeated" : "") + ")");
        }
        Optional<UserAccount> account = users.find(name);
        Optional<String> hash = account.flatMap(a -> users.passwordHash(a.username()));
        boolean matches = encoder.matches(password, hash.orElseGet(this::dummyHash));
        LoginRefusedException.Reason reason = account.isEmpty() || hash.isEmpty() ? LoginRefusedException.Reason.UNKNOWN_USER
                : !matches ? LoginRefusedException.Reason.BAD_CREDENTIALS
                : !account.get().enabled() ? LoginRefusedException.Reason.ACCOUNT_DISABLED
                : account.get().isLocked(clock.instant()) ? LoginRefusedException.Reason.ACCOUNT_LOCKED
                : null;
        if (reason != null) {
            Duration wait = throttle.failed(name, source, clock.instant());
            throw new LoginRefusedException(reason, false, wait.isZero() ? "" : ", next attempt in " + wait.toSeconds() + " s");
        }
        throttle.succeeded(name, source);
        UserAccount user = account.get();
        UserDetails principal = User.withUsername(user.username()).password("")
                .authorities(user.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList()).build();
        UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken.authenticated(principal, null,
                principal.getAuthorities());
        result.setDetails(authentication.getDetails());
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    LoginThrottle throttle() {
        return throttle;
    }

    private String dummyHash() {
        String hash = dummyHash;
        if (hash == null) {
            hash = encoder.encode("griot-no-such-user-" + System.nanoTime());
            dummyHash = hash;
        }
        return hash;
    }

    private static String source(Object details) {
        return details instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null ? web.getRemoteAddress()
                : "unknown";
    }
}
