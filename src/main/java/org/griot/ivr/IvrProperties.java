package org.griot.ivr;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which process serves each service number, which calling numbers are test lines (they get the
 * staging version of the IVR), and the four-eyes rule for promoting a version.
 */
@ConfigurationProperties("griot.ivr")
public record IvrProperties(Map<String, String> services, List<String> testNumbers, boolean fourEyes) {

    public IvrProperties {
        services = services == null || services.isEmpty() ? Map.of("1919", "ivr-1919") : Map.copyOf(services);
        testNumbers = testNumbers == null ? List.of() : List.copyOf(testNumbers);
    }

    public String processFor(String dialedNumber) {
        return services.getOrDefault(dialedNumber, services.get("1919"));
    }
}
