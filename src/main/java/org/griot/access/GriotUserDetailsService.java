package org.griot.access;

import java.time.Clock;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Loads Griot users for Spring Security; a locked account is refused before its password is checked. */
@Service
class GriotUserDetailsService implements UserDetailsService {

    private final UserAccountRepository users;
    private final Clock clock;

    GriotUserDetailsService(UserAccountRepository users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        UserAccount account = users.find(username).orElseThrow(() -> new UsernameNotFoundException(username));
        String hash = users.passwordHash(username).orElseThrow(() -> new UsernameNotFoundException(username));
        return User.withUsername(account.username())
                .password(hash)
                .disabled(!account.enabled())
                .accountLocked(account.isLocked(clock.instant()))
                .authorities(account.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList())
                .build();
    }
}
