package org.griot.decision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The rules folder on disk: every .drl under it by relative path, and atomic writes of uploads. */
final class RulesFolder {

    private final Path root;

    RulesFolder(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    SortedMap<String, String> read() {
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

    void write(String relativePath, String content) {
        Path target = root.resolve(relativePath).normalize();
        if (!target.startsWith(root)) {
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
}
