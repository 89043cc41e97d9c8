package org.griot.telephony;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The {@link CallScript}s of the application, by name, as the adapters look them up. */
@Component
public class CallScripts {

    private final Map<String, CallScript> byName;

    public CallScripts(List<CallScript> scripts) {
        this.byName = scripts.stream().collect(Collectors.toUnmodifiableMap(CallScript::name, Function.identity()));
    }

    public Optional<CallScript> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public java.util.Set<String> names() {
        return byName.keySet();
    }
}
