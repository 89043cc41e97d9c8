package org.griot.access;

import java.util.List;
import org.springframework.stereotype.Service;

/** Read-only view of Griot's users for other features (e.g. provisioning the engine's administrators). */
@Service
public class UserDirectory {

    private final UserAccountRepository users;

    UserDirectory(UserAccountRepository users) {
        this.users = users;
    }

    /** User names of the enabled users holding the role, sorted. */
    public List<String> enabledUsersWithRole(Role role) {
        return users.findAll().stream().filter(u -> u.enabled() && u.roles().contains(role))
                .map(UserAccount::username).sorted().toList();
    }
}
