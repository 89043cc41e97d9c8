package org.griot.access;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one form of a user name, at login and at creation: trimmed, Unicode compatibility forms folded
 * (NFKC: full-width "ａｄｍｉｎ" is "admin"), lower-case. A name is valid only if its normalised form is
 * made of {@code [a-z0-9._-]}, so look-alikes (Cyrillic letters, invisible characters) cannot exist.
 */
final class UserNames {

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");

    private UserNames() {
    }

    /** The normalised name, or null for null or blank input. */
    static String normalise(String name) {
        if (name == null) {
            return null;
        }
        String normalised = Normalizer.normalize(name.strip(), Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
        return normalised.isEmpty() ? null : normalised;
    }

    /** True when the (normalised) name may be given to a user. */
    static boolean isValid(String normalised) {
        return normalised != null && VALID.matcher(normalised).matches();
    }
}
