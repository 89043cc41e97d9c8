package org.griot.ivr;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.griot.audit.AuditEvent.Outcome;
import org.griot.audit.AuditTrail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The segment table the operator provides (consumption tiers, VIP list): imported from CSV
 * ({@code caller_number,segment}), all or nothing — a file with a bad line imports nothing and
 * says which lines are wrong. The routing rules read the segment of each caller.
 */
@Service
public class CallerSegments {

    public static final String IMPORTED = "SEGMENTS_IMPORTED";
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{8,15}");
    private static final Pattern SEGMENT = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");

    /** A refused import: every bad line with its number. */
    public static class ImportRefusedException extends RuntimeException {
        private final transient List<String> problems;

        public ImportRefusedException(List<String> problems) {
            super("Segment import refused: " + problems.size() + " problem(s)");
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;

    CallerSegments(JdbcClient jdbc, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** Imports (adds or replaces) the segments of the listed numbers; returns how many were imported. */
    @PreAuthorize("hasAnyRole('ADMIN','ANALYST')")
    @Transactional
    public int importCsv(String csv) {
        Map<String, String> segments = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new StringReader(csv == null ? "" : csv))) {
            String line;
            int number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || (number == 1 && trimmed.toLowerCase().startsWith("caller_number"))) {
                    continue;
                }
                String[] fields = trimmed.split("[,;]", -1);
                if (fields.length != 2) {
                    problems.add("line " + number + ": expected caller_number,segment");
                    continue;
                }
                String caller = fields[0].strip().replace(" ", "");
                String segment = fields[1].strip().toUpperCase();
                if (!NUMBER.matcher(caller).matches()) {
                    problems.add("line " + number + ": '" + fields[0].strip() + "' is not a phone number");
                } else if (!SEGMENT.matcher(segment).matches()) {
                    problems.add("line " + number + ": '" + fields[1].strip() + "' is not a segment name (letters, digits, _)");
                } else {
                    segments.put(caller.startsWith("+") ? caller.substring(1) : caller, segment);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (!problems.isEmpty()) {
            throw new ImportRefusedException(problems);
        }
        Timestamp now = Timestamp.from(clock.instant());
        segments.forEach((caller, segment) -> jdbc.sql("""
                insert into caller_segment (caller_number, segment, imported_at) values (?, ?, ?)
                on duplicate key update segment = values(segment), imported_at = values(imported_at)""")
                .params(caller, segment, now).update());
        audit.record(IMPORTED, "caller_segment", null, segments.size() + " numbers", Outcome.SUCCESS);
        return segments.size();
    }

    /** How many numbers each segment has. */
    public Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        jdbc.sql("select segment, count(*) from caller_segment group by segment order by segment")
                .query(rs -> {
                    counts.put(rs.getString(1), rs.getInt(2));
                });
        return counts;
    }
}
