package org.griot.ivr.selfcare;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Benin mobile number in the one format Griot stores and sends to back ends: {@code 229} followed
 * by the 8-digit national number, digits only (e.g. {@code 22997000001}).
 */
public record Msisdn(String value) {

    private static final String COUNTRY_CODE = "229";
    private static final Pattern CANONICAL = Pattern.compile("229[0-9]{8}");
    // Separators people and PBXs put in numbers; anything else (letters, '*', '#') is garbage.
    private static final Pattern SEPARATORS = Pattern.compile("[\\s.\\-()/]");
    private static final Pattern NATIONAL = Pattern.compile("[0-9]{8}");

    public Msisdn {
        if (value == null || !CANONICAL.matcher(value).matches()) {
            throw new IllegalArgumentException("not a canonical Benin MSISDN (229 + 8 digits): " + value);
        }
    }

    /**
     * Accepts {@code +229…}, {@code 00229…}, {@code 229…} and the local 8-digit form, with spaces,
     * dots, dashes or parentheses; anything else (other countries, wrong lengths, letters) is empty.
     */
    public static Optional<Msisdn> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String number = SEPARATORS.matcher(raw).replaceAll("");
        if (number.startsWith("+" + COUNTRY_CODE)) {
            number = number.substring(1 + COUNTRY_CODE.length());
        } else if (number.startsWith("00" + COUNTRY_CODE)) {
            number = number.substring(2 + COUNTRY_CODE.length());
        } else if (number.length() == COUNTRY_CODE.length() + 8 && number.startsWith(COUNTRY_CODE)) {
            number = number.substring(COUNTRY_CODE.length());
        }
        return NATIONAL.matcher(number).matches() ? Optional.of(new Msisdn(COUNTRY_CODE + number)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
