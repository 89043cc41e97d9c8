package org.griot.shell;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The login page and the home page, which links each role to the features that exist for it. */
@Controller
class HomeController {

    /** A link on the home page: message key of its title and description, target, and who sees it. */
    record Tile(String key, String href, Set<String> roles) {
    }

    static final List<Tile> TILES = List.of(
            new Tile("home.tile.desk", "/desk", Set.of("AGENT")),
            new Tile("home.tile.queues", "/routing/queues", Set.of("ADMIN", "SUPERVISOR")),
            new Tile("home.tile.agents", "/routing/agents", Set.of("ADMIN", "SUPERVISOR")),
            new Tile("home.tile.callbacks", "/callbacks", Set.of("ADMIN", "SUPERVISOR")),
            new Tile("home.tile.processes", "/processes", Set.of("ANALYST", "ADMIN", "AUDITOR")),
            new Tile("home.tile.rules", "/rules", Set.of("ANALYST", "ADMIN", "AUDITOR")),
            new Tile("home.tile.prompts", "/prompts", Set.of("ANALYST", "ADMIN", "AUDITOR")),
            new Tile("home.tile.simulator", "/ivr/simulator", Set.of("ANALYST")),
            new Tile("home.tile.ivrMap", "/ivr/map", Set.of("ANALYST", "SUPERVISOR", "AUDITOR")),
            new Tile("home.tile.audit", "/audit", Set.of("AUDITOR")),
            new Tile("home.tile.users", "/admin/users", Set.of("ADMIN")),
            new Tile("home.tile.segments", "/admin/segments", Set.of("ADMIN")),
            new Tile("home.tile.cockpit", "/camunda/app/cockpit/default/", Set.of("ANALYST", "ADMIN")));

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/")
    String home(Authentication authentication, Model model) {
        Set<String> roles = new LinkedHashSet<>();
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            if (authority.getAuthority().startsWith("ROLE_")) {
                roles.add(authority.getAuthority().substring(5));
            }
        }
        List<Tile> tiles = new ArrayList<>();
        for (Tile tile : TILES) {
            if (tile.roles().stream().anyMatch(roles::contains)) {
                tiles.add(tile);
            }
        }
        model.addAttribute("roles", roles);
        model.addAttribute("tiles", tiles);
        return "home";
    }
}
