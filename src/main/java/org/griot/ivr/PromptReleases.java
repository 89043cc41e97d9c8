package org.griot.ivr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.griot.audit.AuditAction;
import org.griot.audit.AuditEvent.Outcome;
import org.griot.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Staging and production versions of IVR prompts. Version 0 of a prompt is the shipped one (a row of
 * {@code catalogue.csv} and {@code <lang>/<id>.wav}); an analyst uploads versions 1, 2... of one
 * prompt in one language (transcript and WAV). The latest upload is <em>staging</em>: test lines and
 * the simulator hear it. <em>Production</em> is the version last released (promotion, rollback), or
 * the shipped one while none was: real callers hear it. Promote and rollback are one action each, for
 * analysts, audited, with four-eyes ({@code griot.ivr.four-eyes}: the uploader cannot promote).
 *
 * <p>Each upload is kept in the database (transcript, audio, who, when) and written for Asterisk as
 * {@code uploads/<lang>/<id>/v<n>.wav} under the prompts folder, which Asterisk mounts as its sounds
 * sub-folder {@code griot}: a call plays {@code griot/uploads/<lang>/<id>/v<n>}. A node that lacks a
 * file (a new node, a lost folder) writes it again from the database. Which version serves is held
 * in memory, refreshed after each change and every few seconds (releases made on another node).
 */
@Service
class PromptReleases implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(PromptReleases.class);
    static final String UPLOADS = "uploads";
    static final String PROMOTION = "PROMOTION";
    static final String ROLLBACK = "ROLLBACK";
    static final int MAX_TRANSCRIPT = 1000;
    static final int MAX_ID = 64;

    /** An uploaded version of a prompt in one language. */
    public record Version(String promptId, String language, int version, String transcript, String audioSha256, long durationMillis,
            Instant uploadedAt, String uploadedBy) {
    }

    /** A production release of a prompt in one language (version 0: the shipped prompt). */
    public record Release(String promptId, String language, int version, String action, Instant releasedAt, String releasedBy) {
    }

    /** What plays a prompt in one language: production and staging versions (0 = shipped) and their words. */
    public record Status(String promptId, String language, int production, int staging, String productionTranscript,
            String stagingTranscript, String stagingAuthor) {

        public boolean pending() {
            return staging != production;
        }
    }

    /** A sound the IVR played, read back: which prompt, language and version, and what it says. */
    public record PlayedPrompt(String promptId, String language, int version, Optional<String> transcript) {
    }

    private record Key(String promptId, String language) {
    }

    private record State(int production, int staging, Map<Integer, Version> versions) {
    }

    private final JdbcClient jdbc;
    private final PromptCatalog catalog;
    private final AuditTrail audit;
    private final Clock clock;
    private final long maxUploadBytes;
    private final boolean fourEyes;
    private volatile Map<Key, State> states = Map.of();

    @Autowired
    PromptReleases(JdbcClient jdbc, PromptCatalog catalog, PromptsProperties properties, IvrProperties ivr, AuditTrail audit,
            Clock clock) {
        this(jdbc, catalog, properties, audit, clock, ivr.fourEyes());
    }

    PromptReleases(JdbcClient jdbc, PromptCatalog catalog, PromptsProperties properties, AuditTrail audit, Clock clock,
            boolean fourEyes) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.audit = audit;
        this.clock = clock;
        this.maxUploadBytes = properties.maxUploadSize().toBytes();
        this.fourEyes = fourEyes;
    }

    @Override
    public void afterPropertiesSet() {
        refresh();
        writeMissingFiles();
    }

    // --- what calls play

    /** The sound Asterisk plays for a prompt: the staging or the production version. */
    String soundName(String promptId, String language, boolean staging) {
        State state = states.get(new Key(promptId, language));
        int version = state == null ? 0 : staging ? state.staging : state.production;
        if (version == 0) {
            return catalog.soundName(promptId, language);
        }
        return "griot/" + UPLOADS + "/" + language + "/" + promptId + "/v" + version;
    }

    /** What a prompt says in the staging or production version. */
    Optional<String> transcript(String promptId, String language, boolean staging) {
        State state = states.get(new Key(promptId, language));
        int version = state == null ? 0 : staging ? state.staging : state.production;
        return version == 0 ? catalog.transcript(promptId, language) : Optional.of(state.versions.get(version).transcript());
    }

    /** Reads back a sound name made by {@link #soundName}: griot/lang/id or griot/uploads/lang/id/vN. */
    Optional<PlayedPrompt> played(String sound) {
        String[] parts = sound == null ? new String[0] : sound.split("/");
        if (parts.length == 3 && "griot".equals(parts[0])) {
            return Optional.of(new PlayedPrompt(parts[2], parts[1], 0, catalog.transcript(parts[2], parts[1])));
        }
        if (parts.length == 5 && "griot".equals(parts[0]) && UPLOADS.equals(parts[1]) && parts[4].matches("v[0-9]{1,9}")) {
            int version = Integer.parseInt(parts[4].substring(1));
            State state = states.get(new Key(parts[3], parts[2]));
            Version uploaded = state == null ? null : state.versions.get(version);
            return Optional.of(new PlayedPrompt(parts[3], parts[2], version,
                    Optional.ofNullable(uploaded).map(Version::transcript)));
        }
        return Optional.empty();
    }

    /**
     * What is missing for these prompts to play, as staging sees them (a process is deployed to
     * staging): a prompt uploaded in a language has its transcript and audio there.
     */
    List<PromptCatalog.MissingPrompt> missing(Collection<String> promptIds) {
        Map<Key, State> current = states;
        return catalog.missing(promptIds).stream()
                .filter(m -> !current.containsKey(new Key(m.promptId(), m.language()))).toList();
    }

    // --- what analysts see and do

    /** Every prompt and language with an uploaded version, by id then language. */
    List<Status> statuses() {
        List<Status> statuses = new ArrayList<>();
        states.forEach((key, state) -> statuses.add(status(key, state)));
        statuses.sort(Comparator.comparing(Status::promptId).thenComparing(Status::language));
        return statuses;
    }

    Optional<Status> status(String promptId, String language) {
        return Optional.ofNullable(states.get(new Key(promptId, language))).map(state -> status(new Key(promptId, language), state));
    }

    long maxUploadBytes() {
        return maxUploadBytes;
    }

    /** The uploaded versions of a prompt in one language, newest first. */
    List<Version> versions(String promptId, String language) {
        State state = states.get(new Key(promptId, language));
        return state == null ? List.of()
                : state.versions.values().stream().sorted(Comparator.comparingInt(Version::version).reversed()).toList();
    }

    List<Release> releases(String promptId, String language) {
        return jdbc.sql("""
                select prompt_id, language, version, action, released_at, released_by from prompt_release
                where prompt_id = ? and language = ? order by id desc""")
                .params(promptId, language)
                .query((rs, i) -> new Release(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant(), rs.getString(6)))
                .list();
    }

    /** The audio of a version, to listen to before promoting (version 0: the shipped file). */
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN','AUDITOR')")
    public Optional<byte[]> audio(String promptId, String language, int version) {
        if (version == 0) {
            Path file = catalog.audioFile(promptId, language);
            try {
                return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return jdbc.sql("select audio from prompt_version where prompt_id = ? and language = ? and version = ?")
                .params(promptId, language, version).query(byte[].class).optional();
    }

    /**
     * Checks and keeps a new version of a prompt in one language; it becomes staging at once. A
     * refused upload changes nothing and says every reason (id, language, transcript, audio).
     */
    @PreAuthorize("hasRole('ANALYST')")
    @Transactional(noRollbackFor = PromptRejectedException.class)
    public Version upload(String promptId, String language, String transcript, byte[] audio) {
        String id = promptId == null ? "" : promptId.strip();
        String lang = language == null ? "" : language.strip();
        String text = transcript == null ? "" : transcript.strip();
        List<String> problems = new ArrayList<>();
        if (!PromptCatalog.isValidName(id) || id.length() > MAX_ID) {
            problems.add("prompt id '" + id + "': lower-case letters and digits in words joined by '-' (e.g. welcome-back), at most "
                    + MAX_ID + " characters");
        }
        if (!catalog.languages().contains(lang)) {
            problems.add("language '" + lang + "': one of the catalogue's languages " + catalog.languages());
        }
        if (text.isEmpty()) {
            problems.add("the transcript is empty: write what the recording says");
        } else if (text.length() > MAX_TRANSCRIPT || text.contains("\n") || text.contains("\r")) {
            problems.add("the transcript is one line of at most " + MAX_TRANSCRIPT + " characters");
        }
        PromptAudio format = null;
        if (audio != null && audio.length > maxUploadBytes) {
            problems.add("the audio file is " + audio.length / 1024 + " KB; at most " + maxUploadBytes / 1024 + " KB");
        } else {
            try {
                format = PromptAudio.check(audio);
            } catch (PromptAudio.Problem e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw rejected(id, lang, problems);
        }
        Instant now = clock.instant();
        String actor = AuditTrail.currentActor();
        String sha256 = sha256(audio);
        int version = jdbc.sql("select coalesce(max(version), 0) + 1 from prompt_version where prompt_id = ? and language = ?")
                .params(id, lang).query(Integer.class).single();
        try {
            jdbc.sql("""
                    insert into prompt_version (prompt_id, language, version, transcript, audio, audio_sha256, duration_ms,
                                                uploaded_at, uploaded_by)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, lang, version, text, audio, sha256, format.durationMillis(), Timestamp.from(now), actor)
                    .update();
        } catch (DuplicateKeyException e) {
            throw rejected(id, lang, List.of("another version of " + id + " (" + lang + ") was uploaded at the same moment; upload again"));
        }
        write(uploadedFile(id, lang, version), audio);
        State before = states.get(new Key(id, lang));
        audit.record(AuditAction.PROMPT_UPLOADED, "prompt:" + id + "/" + lang,
                before == null ? null : "staging v" + before.staging, "staging v" + version + " sha256=" + sha256 + " "
                        + format.durationMillis() + " ms: " + text, Outcome.SUCCESS);
        refreshAfterCommit();
        log.info("Prompt {} ({}) v{} uploaded by {}: staging", id, lang, version, actor);
        return new Version(id, lang, version, text, sha256, format.durationMillis(), now, actor);
    }

    /** The staging version of a prompt in one language becomes production. */
    @PreAuthorize("hasRole('ANALYST')")
    @Transactional(noRollbackFor = PromptReleaseRefusedException.class)
    public Release promote(String promptId, String language) {
        Key key = new Key(promptId, language);
        State state = fresh(key);
        String actor = AuditTrail.currentActor();
        if (state == null) {
            throw refused(key, "No uploaded version of " + promptId + " (" + language + ") to promote.");
        }
        if (state.staging == state.production) {
            throw refused(key, promptId + " (" + language + ") v" + state.staging + " is already in production.");
        }
        if (fourEyes && actor.equals(state.versions.get(state.staging).uploadedBy())) {
            throw refused(key, "Four-eyes: " + actor + " uploaded " + promptId + " (" + language + ") v" + state.staging
                    + " and cannot promote it; another analyst must.");
        }
        audit.record(AuditAction.PROMPT_PROMOTED, "prompt:" + promptId + "/" + language, "v" + state.production,
                "v" + state.staging, Outcome.SUCCESS);
        return release(key, state.staging, PROMOTION, actor);
    }

    /** Production goes back to the version released before (the shipped one after a first promotion). */
    @PreAuthorize("hasRole('ANALYST')")
    @Transactional(noRollbackFor = PromptReleaseRefusedException.class)
    public Release rollback(String promptId, String language) {
        Key key = new Key(promptId, language);
        List<Release> releases = releases(promptId, language);
        if (releases.isEmpty()) {
            throw refused(key, "Nothing of " + promptId + " (" + language + ") was released: nothing to roll back.");
        }
        int current = releases.get(0).version();
        Optional<Integer> previous = releases.stream().map(Release::version).filter(v -> v != current).findFirst();
        if (previous.isEmpty() && current != 0 && catalog.has(promptId, language)) {
            previous = Optional.of(0);
        }
        if (previous.isEmpty()) {
            throw refused(key, "No earlier production version of " + promptId + " (" + language + ") to roll back to.");
        }
        audit.record(AuditAction.PROMPT_ROLLED_BACK, "prompt:" + promptId + "/" + language, "v" + current, "v" + previous.get(),
                Outcome.SUCCESS);
        return release(key, previous.get(), ROLLBACK, AuditTrail.currentActor());
    }

    // --- state

    /**
     * Follows uploads and releases made on other nodes: reloads which versions serve and writes the
     * files of versions this node's prompts folder lacks (a stat per version; audio is read only then).
     */
    @Scheduled(fixedDelayString = "${griot.prompts.refresh-interval:5s}", initialDelayString = "${griot.prompts.refresh-interval:5s}")
    void follow() {
        try {
            refresh();
            writeMissingFiles();
        } catch (RuntimeException e) {
            log.error("Prompt versions could not be refreshed; the previous ones keep serving", e);
        }
    }

    /** Reloads which versions serve (cheap: no audio is read). */
    void refresh() {
        Map<Key, Map<Integer, Version>> versions = new HashMap<>();
        jdbc.sql("""
                select prompt_id, language, version, transcript, audio_sha256, duration_ms, uploaded_at, uploaded_by
                from prompt_version""")
                .query((rs, i) -> new Version(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                        rs.getLong(6), rs.getTimestamp(7).toInstant(), rs.getString(8)))
                .list()
                .forEach(v -> versions.computeIfAbsent(new Key(v.promptId(), v.language()), k -> new HashMap<>()).put(v.version(), v));
        Map<Key, Integer> production = new HashMap<>();
        jdbc.sql("""
                select r.prompt_id, r.language, r.version from prompt_release r
                join (select max(id) as id from prompt_release group by prompt_id, language) latest on latest.id = r.id""")
                .query(rs -> {
                    production.put(new Key(rs.getString(1), rs.getString(2)), rs.getInt(3));
                });
        Map<Key, State> next = new HashMap<>();
        versions.forEach((key, byVersion) -> next.put(key, new State(production.getOrDefault(key, 0),
                byVersion.keySet().stream().max(Integer::compare).orElse(0), Map.copyOf(byVersion))));
        states = Map.copyOf(next);
    }

    private State fresh(Key key) {
        refresh();
        return states.get(key);
    }

    private Release release(Key key, int version, String action, String actor) {
        Instant now = clock.instant();
        jdbc.sql("""
                insert into prompt_release (prompt_id, language, version, action, released_at, released_by)
                values (?, ?, ?, ?, ?, ?)""")
                .params(key.promptId(), key.language(), version, action, Timestamp.from(now), actor).update();
        refreshAfterCommit();
        log.info("Prompt {} ({}) v{} in production ({} by {})", key.promptId(), key.language(), version, action, actor);
        return new Release(key.promptId(), key.language(), version, action, now, actor);
    }

    private void refreshAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    refresh();
                }
            });
        } else {
            refresh();
        }
    }

    private Status status(Key key, State state) {
        Version staged = state.versions.get(state.staging);
        return new Status(key.promptId(), key.language(), state.production, state.staging,
                transcript(key.promptId(), key.language(), false).orElse(null), staged == null ? null : staged.transcript(),
                staged == null ? null : staged.uploadedBy());
    }

    /** Writes, from the database, each uploaded version whose file this node's prompts folder lacks. */
    private void writeMissingFiles() {
        states.forEach((key, state) -> state.versions.keySet().forEach(version -> {
            Path file = uploadedFile(key.promptId(), key.language(), version);
            if (!Files.isRegularFile(file)) {
                jdbc.sql("select audio from prompt_version where prompt_id = ? and language = ? and version = ?")
                        .params(key.promptId(), key.language(), version).query(byte[].class).optional()
                        .ifPresent(audio -> {
                            write(file, audio);
                            log.info("Prompt file {} written again from the database", file);
                        });
            }
        }));
    }

    Path uploadedFile(String promptId, String language, int version) {
        PromptCatalog.requireValidName(promptId, language);
        return catalog.folder().resolve(UPLOADS).resolve(language).resolve(promptId).resolve("v" + version + ".wav");
    }

    private static void write(Path target, byte[] audio) {
        try {
            Files.createDirectories(target.getParent());
            Path temporary = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
            Files.write(temporary, audio);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the prompt file " + target, e);
        }
    }

    private PromptRejectedException rejected(String promptId, String language, List<String> problems) {
        audit.record(AuditAction.PROMPT_REJECTED, "prompt:" + promptId + "/" + language, null, String.join("; ", problems),
                Outcome.FAILURE);
        return new PromptRejectedException(problems);
    }

    private PromptReleaseRefusedException refused(Key key, String reason) {
        audit.record(AuditAction.PROMPT_RELEASE_REFUSED, "prompt:" + key.promptId() + "/" + key.language(), null, reason,
                Outcome.FAILURE);
        return new PromptReleaseRefusedException(reason);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An upload that is refused, with every reason; nothing was kept. */
    static class PromptRejectedException extends RuntimeException {
        private final List<String> problems;

        PromptRejectedException(List<String> problems) {
            super("Prompt refused: " + String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        List<String> problems() {
            return problems;
        }
    }

    /** A promotion or rollback that a rule forbids (four-eyes, nothing to roll back to). */
    static class PromptReleaseRefusedException extends RuntimeException {
        PromptReleaseRefusedException(String message) {
            super(message);
        }
    }
}
