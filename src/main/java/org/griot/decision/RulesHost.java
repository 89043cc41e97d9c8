package org.griot.decision;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.griot.audit.AuditAction;
import org.griot.audit.AuditEvent.Outcome;
import org.griot.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The rules host: builds the rule base from the rules folder, validates it, swaps it atomically on
 * change or upload, and runs decisions that report the rules that fired and the rule-base version.
 * A rule base that does not build is refused with file/line messages; the previous one keeps serving.
 */
@Service
public class RulesHost implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RulesHost.class);
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;?");
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,100}\\.drl");

    private final RulesProperties properties;
    private final RuleBaseStore store;
    private final AuditTrail audit;
    private final Clock clock;
    private final RuleBaseCompiler compiler = new RuleBaseCompiler();
    private final AtomicReference<CompiledRuleBase> current = new AtomicReference<>();
    private final Object activationLock = new Object();
    private final Timer decisionTimer;
    private volatile Rejection lastRejection;

    /** The last refused rule base: when, what it was, why. */
    public record Rejection(Instant at, String checksum, String origin, List<RuleMessage> errors) {
    }

    RulesHost(RulesProperties properties, RuleBaseStore store, AuditTrail audit, Clock clock, MeterRegistry meters) {
        this.properties = properties;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.decisionTimer = Timer.builder("griot.rules.decision").description("Time to run one rule decision")
                .publishPercentiles(0.5, 0.99).register(meters);
    }

    @Override
    public void afterPropertiesSet() {
        try {
            reload("startup");
        } catch (RuleBaseRejectedException e) {
            log.error("The rules folder {} does not build: {}", folder(), e.getMessage());
            Optional<Long> lastGood = store.latestVersion();
            if (lastGood.isPresent()) {
                CompiledRuleBase previous = compiler.compile(lastGood.get(), store.sources(lastGood.get()));
                current.set(previous);
                log.warn("Serving the last good rule base v{} from the database until the folder is fixed", lastGood.get());
            }
        }
    }

    @Override
    public void destroy() {
        CompiledRuleBase serving = current.getAndSet(null);
        if (serving != null) {
            compiler.release(serving);
        }
    }

    /**
     * Runs the rules over the given facts. With an agenda group, only that group's rules (and rules
     * without a group) may fire. Rules change the facts; the returned decision says which rules
     * fired and which rule-base version decided.
     */
    public Decision decide(String agendaGroup, Collection<?> facts) {
        CompiledRuleBase ruleBase = current.get();
        if (ruleBase == null) {
            throw new IllegalStateException("No rule base is serving: the rules folder " + folder() + " has never built");
        }
        return decisionTimer.record(() -> ruleBase.decide(agendaGroup, facts));
    }

    public Decision decide(Collection<?> facts) {
        return decide(null, facts);
    }

    /** Rebuilds from the folder if it changed; returns the serving rule base. */
    public RuleBaseSummary reload(String origin) {
        synchronized (activationLock) {
            return summary(activate(readFolder(), origin, null, null));
        }
    }

    /** An analyst's reload request from the UI. */
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    public RuleBaseSummary reloadRequested() {
        synchronized (activationLock) {
            return summary(activate(readFolder(), "reload", null, null));
        }
    }

    /**
     * Validates an uploaded DRL together with the other files; if the whole rule base builds, the file
     * is written into the rules folder (under its package's path) and the new rule base serves at once.
     */
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    public RuleBaseSummary upload(String fileName, String content) {
        if (fileName == null || !FILE_NAME.matcher(fileName).matches()) {
            throw new RuleBaseRejectedException(List.of(new RuleMessage("ERROR", fileName, 0, 0,
                    "a rule file is named like name.drl (letters, digits, - and _)")));
        }
        Matcher pkg = PACKAGE.matcher(content == null ? "" : content);
        if (!pkg.find()) {
            throw new RuleBaseRejectedException(List.of(new RuleMessage("ERROR", fileName, 1, 0,
                    "a rule file starts with a package line, e.g. 'package griot.routing;'")));
        }
        String relativePath = pkg.group(1).replace('.', '/') + "/" + fileName;
        synchronized (activationLock) {
            SortedMap<String, String> sources = readFolder();
            sources.put(relativePath, content);
            CompiledRuleBase activated = activate(sources, "upload", relativePath, content);
            return summary(activated);
        }
    }

    /** Polls the rules folder and hot-swaps on change (a change that does not build is refused once). */
    @Scheduled(fixedDelayString = "${griot.rules.poll-interval:2s}", initialDelayString = "${griot.rules.poll-interval:2s}")
    void pollFolder() {
        try {
            SortedMap<String, String> sources = readFolder();
            String checksum = RuleBaseCompiler.checksum(sources);
            CompiledRuleBase serving = current.get();
            Rejection rejected = lastRejection;
            boolean unchanged = serving != null && serving.checksum().equals(checksum);
            boolean alreadyRefused = rejected != null && rejected.checksum().equals(checksum);
            if (!unchanged && !alreadyRefused) {
                synchronized (activationLock) {
                    activate(readFolder(), "file-change", null, null);
                }
            }
        } catch (RuleBaseRejectedException e) {
            log.warn("Rules folder change refused; still serving the previous rule base: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.error("Rules folder poll failed", e);
        }
    }

    public Optional<RuleBaseSummary> serving() {
        return Optional.ofNullable(current.get()).map(this::summary);
    }

    public Optional<Rejection> lastRejection() {
        return Optional.ofNullable(lastRejection);
    }

    public List<RuleBaseSummary> history(int limit) {
        return store.history(limit);
    }

    /** The exact DRL of a version, for auditors reading why a decision was made. */
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN','AUDITOR')")
    public SortedMap<String, String> sources(long version) {
        return store.sources(version);
    }

    Path folder() {
        return Path.of(properties.path()).toAbsolutePath().normalize();
    }

    private CompiledRuleBase activate(SortedMap<String, String> sources, String origin, String writePath, String writeContent) {
        String checksum = RuleBaseCompiler.checksum(sources);
        CompiledRuleBase serving = current.get();
        if (serving != null && serving.checksum().equals(checksum)) {
            return serving;
        }
        CompiledRuleBase candidate;
        long started = System.nanoTime();
        try {
            candidate = compiler.compile(0, sources);
        } catch (RuleBaseRejectedException e) {
            lastRejection = new Rejection(clock.instant(), checksum, origin, e.errors());
            audit.record(AuditAction.RULES_REJECTED, "rules:" + (writePath == null ? folder() : writePath),
                    serving == null ? null : "v" + serving.version(), joinErrors(e.errors()), Outcome.FAILURE);
            throw e;
        }
        if (writePath != null) {
            writeAtomically(writePath, writeContent);
        }
        // A restart with unchanged files keeps the latest version number; any other content is a new version.
        long version = store.history(1).stream().filter(latest -> latest.checksum().equals(checksum))
                .map(RuleBaseSummary::version).findFirst()
                .orElseGet(() -> store.save(checksum, sources, candidate.ruleNames().size(), AuditTrail.currentActor(),
                        origin, clock.instant()));
        CompiledRuleBase activated = candidate.withVersion(version);
        CompiledRuleBase previous = current.getAndSet(activated);
        lastRejection = null;
        log.info("Rule base v{} serving ({} rules, {} files, built in {} ms, origin {})", version, activated.ruleNames().size(),
                sources.size(), (System.nanoTime() - started) / 1_000_000, origin);
        audit.record(AuditAction.RULES_ACTIVATED, "rules:v" + version, previous == null ? null : "v" + previous.version(),
                "v" + version + " checksum=" + checksum + " files=" + sources.keySet(), Outcome.SUCCESS);
        if (previous != null) {
            compiler.release(previous);
        }
        return activated;
    }

    private SortedMap<String, String> readFolder() {
        Path root = folder();
        SortedMap<String, String> sources = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return sources;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".drl") && Files.isRegularFile(p)).toList()) {
                String relative = root.relativize(file).toString().replace('\\', '/');
                sources.put(relative, Files.readString(file, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the rules folder " + root, e);
        }
        return sources;
    }

    private void writeAtomically(String relativePath, String content) {
        Path target = folder().resolve(relativePath).normalize();
        if (!target.startsWith(folder())) {
            throw new IllegalArgumentException("Rule file outside the rules folder: " + relativePath);
        }
        try {
            Files.createDirectories(target.getParent());
            Path temporary = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the rule file " + target, e);
        }
    }

    private RuleBaseSummary summary(CompiledRuleBase ruleBase) {
        return store.find(ruleBase.version())
                .map(h -> new RuleBaseSummary(h.version(), h.checksum(), h.activatedAt(), h.activatedBy(), h.origin(),
                        ruleBase.ruleNames().size(), List.copyOf(ruleBase.sources().keySet()), ruleBase.ruleNames()))
                .orElseGet(() -> new RuleBaseSummary(ruleBase.version(), ruleBase.checksum(), null, null, null,
                        ruleBase.ruleNames().size(), List.copyOf(ruleBase.sources().keySet()), ruleBase.ruleNames()));
    }

    private static String joinErrors(List<RuleMessage> errors) {
        StringBuilder text = new StringBuilder();
        for (RuleMessage error : errors) {
            if (text.length() > 4000) {
                text.append("…");
                break;
            }
            text.append(error).append('\n');
        }
        return text.toString();
    }
}
