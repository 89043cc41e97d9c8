package org.griot.ivr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The IVR prompts: {@code catalogue.csv} (id, language, transcript) and the audio
 * {@code <lang>/<id>.wav} beside it, in the folder {@code griot.prompts.path}.
 *
 * <p>The catalogue is data an analyst edits while Griot runs, so it is reloaded when the file
 * changes (its modification time and size are checked on access, a stat per call). A malformed
 * edit is logged with its line number and the previous catalogue keeps serving; at start, when
 * there is no previous one, it is refused outright.
 */
@Component
public class PromptCatalog {

    /** Always required: the product speaks French first, whatever the catalogue holds. */
    public static final String DEFAULT_LANGUAGE = "fr";

    static final String CATALOGUE_FILE = "catalogue.csv";
    static final String HEADER = "id,language,transcript";

    private static final Logger log = LoggerFactory.getLogger(PromptCatalog.class);
    private static final Pattern PROMPT_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

    private final Path folder;
    private final Path catalogueFile;
    private volatile Snapshot current;
    /** The version of the file last tried, good or bad, so a bad edit is parsed and logged once. */
    private volatile FileVersion lastTried;

    @Autowired
    PromptCatalog(PromptsProperties properties) {
        this(Path.of(properties.path()));
    }

    PromptCatalog(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
        this.catalogueFile = this.folder.resolve(CATALOGUE_FILE);
        FileVersion version = FileVersion.of(catalogueFile);
        if (version == null) {
            log.warn("No prompt catalogue at {}: the IVR has no prompts", catalogueFile);
            current = Snapshot.EMPTY;
        } else {
            current = parse(read(catalogueFile), catalogueFile.toString());
            log.info("Prompt catalogue {}: {} prompts in {}", catalogueFile, current.transcripts.size(), current.languages);
        }
        lastTried = version;
    }

    /** What the prompt says in that language, if the catalogue has it. */
    public Optional<String> transcript(String promptId, String language) {
        return Optional.ofNullable(snapshot().transcripts.get(new Key(promptId, language)));
    }

    /** The ids of the catalogue's prompts, sorted. */
    public java.util.SortedSet<String> promptIds() {
        java.util.SortedSet<String> ids = new java.util.TreeSet<>();
        snapshot().transcripts.keySet().forEach(key -> ids.add(key.promptId()));
        return ids;
    }

    /** The languages of the catalogue, French first, then in their order of appearance. */
    public List<String> languages() {
        return List.copyOf(snapshot().languages);
    }

    /** True when the prompt can be played in that language: a catalogue row and its wav file exist. */
    public boolean has(String promptId, String language) {
        return snapshot().transcripts.containsKey(new Key(promptId, language)) && Files.isRegularFile(audioFile(promptId, language));
    }

    /**
     * What is missing for these prompts to play in every language: each absent catalogue row and
     * each absent wav file. A process using any of them must not be deployed.
     */
    public List<MissingPrompt> missing(Collection<String> promptIds) {
        Snapshot snapshot = snapshot();
        List<MissingPrompt> missing = new ArrayList<>();
        for (String promptId : new LinkedHashSet<>(promptIds)) {
            for (String language : snapshot.languages) {
                if (!snapshot.transcripts.containsKey(new Key(promptId, language))) {
                    missing.add(new MissingPrompt(promptId, language, MissingPrompt.What.TRANSCRIPT));
                }
                if (!isValidName(promptId) || !Files.isRegularFile(audioFile(promptId, language))) {
                    missing.add(new MissingPrompt(promptId, language, MissingPrompt.What.AUDIO));
                }
            }
        }
        return missing;
    }

    /** The name Asterisk plays: the prompts folder is its sounds sub-folder {@code griot}. */
    public String soundName(String promptId, String language) {
        requireValidName(promptId, language);
        return "griot/" + language + "/" + promptId;
    }

    Path audioFile(String promptId, String language) {
        requireValidName(promptId, language);
        return folder.resolve(language).resolve(promptId + ".wav");
    }

    private Snapshot snapshot() {
        FileVersion version = FileVersion.of(catalogueFile);
        if (version != null && !version.equals(lastTried)) {
            reload(version);
        }
        return current;
    }

    private synchronized void reload(FileVersion version) {
        if (version.equals(lastTried)) {
            return; // another caller got here first
        }
        lastTried = version;
        try {
            current = parse(read(catalogueFile), catalogueFile.toString());
            log.info("Prompt catalogue reloaded from {}: {} prompts in {}", catalogueFile, current.transcripts.size(),
                    current.languages);
        } catch (MalformedCatalogueException | UncheckedIOException e) {
            log.error("Prompt catalogue {} rejected, the previous one keeps serving: {}", catalogueFile, e.getMessage());
        }
    }

    private static String read(Path file) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedCatalogueException(file + ": not UTF-8");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Parses a catalogue; every error names its line, counted from 1 with the header. */
    static Snapshot parse(String text, String source) {
        String[] lines = text.split("\r?\n", -1);
        String header = lines.length == 0 ? "" : lines[0].replace("\uFEFF", "").strip();
        if (!HEADER.equals(header)) {
            throw new MalformedCatalogueException(source + " line 1: expected the header '" + HEADER + "', found '" + header + "'");
        }
        Map<Key, String> transcripts = new LinkedHashMap<>();
        Set<String> languages = new LinkedHashSet<>(List.of(DEFAULT_LANGUAGE));
        for (int index = 1; index < lines.length; index++) {
            String line = lines[index];
            if (line.isBlank()) {
                continue;
            }
            String where = source + " line " + (index + 1) + ": ";
            List<String> fields = fields(line, where);
            if (fields.size() != 3) {
                throw new MalformedCatalogueException(where + "expected 3 fields (id,language,transcript), found " + fields.size());
            }
            String id = fields.get(0).strip();
            String language = fields.get(1).strip();
            String transcript = fields.get(2).strip();
            if (!PROMPT_ID.matcher(id).matches()) {
                throw new MalformedCatalogueException(where + "prompt id '" + id + "' is not kebab-case (a-z, 0-9, -)");
            }
            if (!LANGUAGE.matcher(language).matches()) {
                throw new MalformedCatalogueException(where + "language '" + language + "' is not a 2- or 3-letter lower-case code");
            }
            if (transcript.isEmpty()) {
                throw new MalformedCatalogueException(where + "the transcript of '" + id + "' in '" + language + "' is empty");
            }
            if (transcripts.putIfAbsent(new Key(id, language), transcript) != null) {
                throw new MalformedCatalogueException(where + "'" + id + "' in '" + language + "' appears twice");
            }
            languages.add(language);
        }
        return new Snapshot(Map.copyOf(transcripts), List.copyOf(languages));
    }

    /** One CSV record on one line: fields separated by commas, quoted when they hold a comma ("" is a quote). */
    private static List<String> fields(String line, String where) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (true) {
            if (i < line.length() && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= line.length()) {
                        throw new MalformedCatalogueException(where + "unterminated quoted field (a transcript stays on one line)");
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < line.length() && line.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                if (i < line.length() && line.charAt(i) != ',') {
                    throw new MalformedCatalogueException(where + "unexpected text after a closing quote at column " + (i + 1));
                }
            } else {
                while (i < line.length() && line.charAt(i) != ',') {
                    char c = line.charAt(i++);
                    if (c == '"') {
                        throw new MalformedCatalogueException(where + "a quote inside an unquoted field at column " + i);
                    }
                    field.append(c);
                }
            }
            fields.add(field.toString());
            field.setLength(0);
            if (i >= line.length()) {
                return fields;
            }
            i++; // the comma
        }
    }

    Path folder() {
        return folder;
    }

    static boolean isValidName(String promptId) {
        return promptId != null && PROMPT_ID.matcher(promptId).matches();
    }

    /** Ids and languages become file and sound names: nothing but the catalogue's own alphabet. */
    static void requireValidName(String promptId, String language) {
        if (!isValidName(promptId)) {
            throw new IllegalArgumentException("Not a prompt id: '" + promptId + "'");
        }
        if (language == null || !LANGUAGE.matcher(language).matches()) {
            throw new IllegalArgumentException("Not a language code: '" + language + "'");
        }
    }

    /** A prompt that cannot be played in a language, and why. */
    public record MissingPrompt(String promptId, String language, What what) {

        public enum What { TRANSCRIPT, AUDIO }

        @Override
        public String toString() {
            return promptId + " (" + language + "): no " + what.name().toLowerCase();
        }
    }

    /** A catalogue that cannot be read; the message names the file and the line. */
    public static class MalformedCatalogueException extends RuntimeException {
        MalformedCatalogueException(String message) {
            super(message);
        }
    }

    record Key(String promptId, String language) {}

    record Snapshot(Map<Key, String> transcripts, List<String> languages) {
        static final Snapshot EMPTY = new Snapshot(Map.of(), List.of(DEFAULT_LANGUAGE));
    }

    /** Enough to notice an edit: a save within the file system's time resolution usually changes the size. */
    private record FileVersion(FileTime modified, long size) {
        static FileVersion of(Path file) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                return new FileVersion(attributes.lastModifiedTime(), attributes.size());
            } catch (IOException e) {
                return null; // absent or unreadable: nothing to reload from, the current catalogue stays
            }
        }
    }
}
