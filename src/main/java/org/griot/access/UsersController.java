package org.griot.access;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** User and role administration (ADMIN only; every change audited with before/after). */
@Controller
class UsersController {

    private final UserAdministration administration;
    private final Clock clock;

    UsersController(UserAdministration administration, Clock clock) {
        this.administration = administration;
        this.clock = clock;
    }

    @GetMapping("/admin/users")
    String list(Model model) {
        model.addAttribute("users", administration.list());
        model.addAttribute("now", clock.instant()); // "locked?" is decided here, not by template arithmetic
        model.addAttribute("allRoles", Role.values());
        return "users";
    }

    @PostMapping("/admin/users")
    String create(@RequestParam String username, @RequestParam String displayName, @RequestParam String password,
            @RequestParam(required = false) List<Role> roles, Model model, RedirectAttributes redirect) {
        try {
            administration.create(username, displayName, password, toSet(roles));
            redirect.addFlashAttribute("saved", username);
            return "redirect:/admin/users";
        } catch (UserAdministrationException e) {
            model.addAttribute("error", e);
            model.addAttribute("status", HttpStatus.UNPROCESSABLE_ENTITY.value());
            return list(model);
        }
    }

    @GetMapping("/admin/users/{username}")
    String edit(@PathVariable String username, Model model) {
        model.addAttribute("user", administration.find(username)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        model.addAttribute("allRoles", Role.values());
        model.addAttribute("now", clock.instant()); // the unlock button only for an account locked now
        return "user-edit";
    }

    @PostMapping("/admin/users/{username}/roles")
    String changeRoles(@PathVariable String username, @RequestParam(required = false) List<Role> roles, Model model,
            RedirectAttributes redirect) {
        return apply(username, model, redirect, () -> administration.changeRoles(username, toSet(roles)));
    }

    @PostMapping("/admin/users/{username}")
    String update(@PathVariable String username, @RequestParam String displayName,
            @RequestParam(defaultValue = "false") boolean enabled, Model model, RedirectAttributes redirect) {
        return apply(username, model, redirect, () -> administration.update(username, displayName, enabled));
    }

    @PostMapping("/admin/users/{username}/password")
    String resetPassword(@PathVariable String username, @RequestParam String password, Model model,
            RedirectAttributes redirect) {
        return apply(username, model, redirect, () -> administration.resetPassword(username, password));
    }

    @PostMapping("/admin/users/{username}/unlock")
    String unlock(@PathVariable String username, Model model, RedirectAttributes redirect) {
        return apply(username, model, redirect, () -> administration.unlock(username));
    }

    private String apply(String username, Model model, RedirectAttributes redirect, Runnable change) {
        try {
            change.run();
            redirect.addFlashAttribute("saved", username);
            return "redirect:/admin/users/" + username;
        } catch (UserAdministrationException e) {
            model.addAttribute("error", e);
            return edit(username, model);
        }
    }

    private static Set<Role> toSet(List<Role> roles) {
        return roles == null || roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    }
}
