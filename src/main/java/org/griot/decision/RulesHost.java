package org.griot.decision;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.griot.audit.AuditAction;
import org.griot.audit.AuditEvent.Outcome;
import org.griot.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rules host: builds the rule base from the rules folder, validates it, swaps it atomically on
 * change or upload, and runs decisions that report the rules that fired and the rule-base version.
 * A rule base that does not build is refused with file/line messages; the previous one keeps serving.
 *
 * <p>Two rule bases serve side by side. A new version that builds (folder change, reload, upload)
 * becomes <em>staging</em>: test lines and the IVR simulator decide with it. <em>Production</em>
 * (everyone else, and every caller of the {@code Stage}-less methods) keeps the released version
 * until an analyst promotes staging; a rollback returns production to the previous release. Both
 * are one action, audited, and kept in {@code rule_base_release} so production survives a restart.
 * On the very first start (no release yet) the first version that builds is production too. With
 * four-eyes on, the analyst who brought a version in (uploader, or who asked for the reload) cannot
 * promote it; a version the file watcher picked up has no known author in Griot ("system"), so any
 * analyst may promote it, and that promotion is the audited review.
 */
@Service
public class RulesHost implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RulesHost.class);
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;?");
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,100}\\.drl");

    private final RulesFolder folder;
    private final RuleBaseStore store;
    private final AuditTrail audit;
    private final Clock clock;
    private static final Duration TRIAL_TIMEOUT = Duration.ofSeconds(10);
    private final RuleBaseCompiler compiler;
    private final CompiledRuleBase.Limits limits;
    private final ScheduledExecutorService watchdog;
    private final boolean fourEyes;
    private final AtomicReference<CompiledRuleBase> staging = new AtomicReference<>();
    private final AtomicReference<CompiledRuleBase> production = new AtomicReference<>();
    private final Object activationLock = new Object();
    private final Timer decisionTimer;
    private volatile Rejection lastRejection;

    /** The last refused rule base: when, what it was, why. */
    public record Rejection(Instant at, String checksum, String origin, List<RuleMessage> errors) {
    }

    RulesHost(RulesProperties properties, RuleBaseStore store, AuditTrail audit, Clock clock, MeterRegistry meters,
            @Value("${griot.ivr.four-eyes:false}") boolean fourEyes) {
        this.folder = new RulesFolder(Path.of(properties.path()));
        this.fourEyes = fourEyes;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "griot-rules-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true); // one cancelled halt per decision must not pile up
        this.watchdog = timer;
        this.limits = new CompiledRuleBase.Limits(properties.maxFirings(), properties.decisionTimeout(), watchdog);
        // Trial decisions at build time: the same firing limit (reaching it refuses: a loop), 10 s so that a slow machine
        // reaches it rather than timing out (a timed-out trial is not judged).
        this.compiler = new RuleBaseCompiler(RuleVocabulary.scan("org.griot"),
                new CompiledRuleBase.Limits(properties.maxFirings(), TRIAL_TIMEOUT, watchdog));
        this.decisionTimer = Timer.builder("griot.rules.decision").description("Time to run one rule decision")
                .publishPercentiles(0.5, 0.99).register(meters);
    }

    @Override
    public void afterPropertiesSet() {
        synchronized (activationLock) {
            List<RuleBaseRelease> released = store.releases(1);
            if (!released.isEmpty()) {
                long version = released.get(0).version();
                try {
                    production.set(compiler.compile(version, store.sources(version)));
                } catch (RuleBaseRejectedException e) {
                    log.error("The production rule base v{} no longer builds ({}); staging serves everyone until a promotion",
                            version, e.getMessage());
                }
            }
            try {
                activate(readFolder(), "startup", null, null);
            } catch (RuleBaseRejectedException e) {
                log.error("The rules folder {} does not build: {}", folder(), e.getMessage());
                lastGood().ifPresent(previous -> {
                    staging.set(previous);
                    releaseIfFirst(previous);
                    log.warn("Serving the last good rule base v{} from the database until the folder is fixed", previous.version());
                });
            }
            if (production.get() == null) {
                production.set(staging.get());
            }
        }
    }

    /**
     * The newest stored version that still builds and passes today's checks: a version stored before
     * a check existed (or edited in the database) is skipped, never run.
     */
    private Optional<CompiledRuleBase> lastGood() {
        for (RuleBaseSummary stored : store.history(100)) {
            if (sameVersion(production.get(), stored.version())) {
                return Optional.of(production.get());
            }
            try {
                return Optional.of(compiler.compile(stored.version(), store.sources(stored.version())));
            } catch (RuleBaseRejectedException e) {
                log.error("Stored rule base v{} is refused too ({}); trying the one before", stored.version(), e.getMessage());
            }
        }
        return Optional.empty();
    }

    @Override
    public void destroy() {
        watchdog.shutdownNow();
        synchronized (activationLock) {
            CompiledRuleBase stagingBase = staging.getAndSet(null);
            CompiledRuleBase productionBase = production.getAndSet(null);
            if (stagingBase != null) {
                compiler.release(stagingBase);
            }
            if (productionBase != null && productionBase != stagingBase) {
                compiler.release(productionBase);
            }
        }
    }

    /**
     * Runs the production rules over the given facts. With an agenda group, only that group's rules
     * (and rules without a group) may fire. Rules change the facts; the returned decision says which
     * rules fired and which rule-base version decided.
     */
    public Decision decide(String agendaGroup, Collection<?> facts) {
        return decide(Stage.PRODUCTION, agendaGroup, facts);
    }

    public Decision decide(Collection<?> facts) {
        return decide(Stage.PRODUCTION, null, facts);
    }

    public Decision decide(Stage stage, Collection<?> facts) {
        return decide(stage, null, facts);
    }

    /** Runs the staging or the production rules; the decision names the version and the stage. */
    public Decision decide(Stage stage, String agendaGroup, Collection<?> facts) {
        CompiledRuleBase ruleBase = (stage == Stage.STAGING ? staging : production).get();
        if (ruleBase == null) {
            throw new IllegalStateException("No rule base is serving: the rules folder " + folder() + " has never built");
        }
        try {
            return decisionTimer.record(() -> ruleBase.decide(agendaGroup, facts, limits).in(stage));
        } catch (RuleDecisionStoppedException e) {
            RuleDecisionStoppedException stopped = e.in(stage);
            log.warn("Decision stopped: {}; the caller falls back to its default", stopped.getMessage());
            audit.record(AuditAction.RULES_DECISION_STOPPED, "rules:v" + ruleBase.version(), stage.name().toLowerCase(),
                    stopped.getMessage(), Outcome.FAILURE);
            throw stopped;
        }
    }

    /** Rebuilds from the folder if it changed; returns the staging rule base. */
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
     * is written into the rules folder (under its package's path) and the new rule base is staging at
     * once (production follows when an analyst promotes it).
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

    /**
     * Polls the rules folder and hot-swaps staging on change (a change that does not build is refused
     * once), and follows a promotion or rollback made on another node sharing the database.
     */
    @Scheduled(fixedDelayString = "${griot.rules.poll-interval:2s}", initialDelayString = "${griot.rules.poll-interval:2s}")
    void pollFolder() {
        try {
            followReleases();
        } catch (RuntimeException e) {
            log.error("Rule-base release check failed", e);
        }
        try {
            SortedMap<String, String> sources = readFolder();
            String checksum = RuleBaseCompiler.checksum(sources);
            CompiledRuleBase serving = staging.get();
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

    /** The production rule base (what real callers get). */
    public Optional<RuleBaseSummary> serving() {
        return production();
    }

    public Optional<RuleBaseSummary> production() {
        return Optional.ofNullable(production.get()).map(this::summary);
    }

    /** The staging rule base: the latest version that built (test lines, the IVR simulator). */
    public Optional<RuleBaseSummary> staging() {
        return Optional.ofNullable(staging.get()).map(this::summary);
    }

    /** Production releases, the one serving first. */
    public List<RuleBaseRelease> releases(int limit) {
        return store.releases(limit);
    }

    /** Staging becomes production: real callers get it from their next decision. */
    @PreAuthorize("hasRole('ANALYST')")
    @Transactional(noRollbackFor = RuleReleaseRefusedException.class) // the refusal stays audited
    public RuleBaseRelease promote() {
        synchronized (activationLock) {
            CompiledRuleBase candidate = staging.get();
            CompiledRuleBase live = production.get();
            String actor = AuditTrail.currentActor();
            if (candidate == null) {
                throw refused("No staging rule base to promote: the rules folder has never built.", live, null);
            }
            if (live != null && live.version() == candidate.version()) {
                throw refused("Rule base v" + candidate.version() + " is already in production.", live, candidate);
            }
            if (fourEyes) {
                String author = store.find(candidate.version()).map(RuleBaseSummary::activatedBy).orElse(null);
                if (actor.equals(author)) {
                    throw refused("Four-eyes: " + actor + " brought rule base v" + candidate.version()
                            + " in and cannot promote it; another analyst must.", live, candidate);
                }
            }
            audit.record(AuditAction.RULES_PROMOTED, "rules:v" + candidate.version(), live == null ? null : "v" + live.version(),
                    "v" + candidate.version(), Outcome.SUCCESS);
            return release(candidate, RuleBaseRelease.PROMOTION, actor);
        }
    }

    /** Production goes back to the release before the current one (staging is left as it is). */
    @PreAuthorize("hasRole('ANALYST')")
    @Transactional(noRollbackFor = RuleReleaseRefusedException.class)
    public RuleBaseRelease rollback() {
        synchronized (activationLock) {
            CompiledRuleBase live = production.get();
            List<RuleBaseRelease> releases = store.releases(1000);
            Optional<RuleBaseRelease> previous = releases.isEmpty() ? Optional.empty()
                    : releases.stream().filter(r -> r.version() != releases.get(0).version()).findFirst();
            if (previous.isEmpty()) {
                throw refused("No earlier production rule base to roll back to.", live, null);
            }
            long version = previous.get().version();
            CompiledRuleBase target = sameVersion(staging.get(), version) ? staging.get()
                    : compiler.compile(version, store.sources(version));
            audit.record(AuditAction.RULES_ROLLED_BACK, "rules:v" + version, live == null ? null : "v" + live.version(),
                    "v" + version, Outcome.SUCCESS);
            return release(target, RuleBaseRelease.ROLLBACK, AuditTrail.currentActor());
        }
    }

    /** Production as released in the database, if another node changed it. */
    private void followReleases() {
        List<RuleBaseRelease> latest = store.releases(1);
        CompiledRuleBase live = production.get();
        if (latest.isEmpty() || sameVersion(live, latest.get(0).version())) {
            return;
        }
        synchronized (activationLock) {
            long version = latest.get(0).version();
            if (sameVersion(production.get(), version)) {
                return;
            }
            CompiledRuleBase target = sameVersion(staging.get(), version) ? staging.get()
                    : compiler.compile(version, store.sources(version));
            CompiledRuleBase previous = production.getAndSet(target);
            if (previous != null && previous != target && previous != staging.get()) {
                compiler.release(previous);
            }
            log.info("Rule base v{} is production (released by {} on another node)", version, latest.get(0).releasedBy());
        }
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
        return folder.root();
    }

    private SortedMap<String, String> readFolder() {
        return folder.read();
    }

    private void writeAtomically(String relativePath, String content) {
        folder.write(relativePath, content);
    }

    private CompiledRuleBase activate(SortedMap<String, String> sources, String origin, String writePath, String writeContent) {
        String checksum = RuleBaseCompiler.checksum(sources);
        CompiledRuleBase serving = staging.get();
        if (serving != null && serving.checksum().equals(checksum)) {
            return serving;
        }
        CompiledRuleBase live = production.get();
        if (live != null && live.checksum().equals(checksum)) {
            // Back to the production content (e.g. a change undone): staging is production again.
            if (writePath != null) {
                writeAtomically(writePath, writeContent);
            }
            swapStaging(live, origin, sources);
            return live;
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
        // Unchanged content (a restart, a change undone) keeps its version number; any other content is a new version.
        long version = store.versionWithChecksum(checksum)
                .orElseGet(() -> store.save(checksum, sources, candidate.ruleNames().size(), AuditTrail.currentActor(),
                        origin, clock.instant()));
        CompiledRuleBase activated = candidate.withVersion(version);
        log.info("Rule base v{} built in {} ms", version, (System.nanoTime() - started) / 1_000_000);
        swapStaging(activated, origin, sources);
        releaseIfFirst(activated);
        return activated;
    }

    private void swapStaging(CompiledRuleBase activated, String origin, SortedMap<String, String> sources) {
        CompiledRuleBase previous = staging.getAndSet(activated);
        lastRejection = null;
        log.info("Rule base v{} is staging ({} rules, {} files, origin {}); production is {}", activated.version(),
                activated.ruleNames().size(), sources.size(), origin,
                production.get() == null ? "not released yet" : "v" + production.get().version());
        audit.record(AuditAction.RULES_ACTIVATED, "rules:v" + activated.version(), previous == null ? null : "staging v" + previous.version(),
                "staging v" + activated.version() + " checksum=" + activated.checksum() + " files=" + sources.keySet(),
                Outcome.SUCCESS);
        if (previous != null && previous != activated && previous != production.get()) {
            compiler.release(previous);
        }
    }

    /** First start on an empty database: the first version that builds is production too. */
    private void releaseIfFirst(CompiledRuleBase ruleBase) {
        if (production.get() == null && store.releases(1).isEmpty()) {
            release(ruleBase, RuleBaseRelease.FIRST_START, AuditTrail.SYSTEM_ACTOR);
            log.info("Rule base v{} is production (first start)", ruleBase.version());
        }
    }

    private RuleBaseRelease release(CompiledRuleBase ruleBase, String action, String actor) {
        java.time.Instant now = clock.instant();
        store.release(ruleBase.version(), action, actor, now);
        CompiledRuleBase previous = production.getAndSet(ruleBase);
        if (previous != null && previous != ruleBase && previous != staging.get()) {
            compiler.release(previous);
        }
        return new RuleBaseRelease(ruleBase.version(), action, now, actor);
    }

    private RuleReleaseRefusedException refused(String reason, CompiledRuleBase live, CompiledRuleBase candidate) {
        audit.record(AuditAction.RULES_RELEASE_REFUSED, "rules" + (candidate == null ? "" : ":v" + candidate.version()),
                live == null ? null : "v" + live.version(), reason, Outcome.FAILURE);
        return new RuleReleaseRefusedException(reason);
    }

    private static boolean sameVersion(CompiledRuleBase ruleBase, long version) {
        return ruleBase != null && ruleBase.version() == version;
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
