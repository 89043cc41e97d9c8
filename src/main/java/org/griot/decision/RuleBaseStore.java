package org.griot.decision;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every rule base that was built, with its DRL text (decisions name a version, auditors can read
 * it), and the append-only history of production releases (the last one is production).
 */
@Repository
class RuleBaseStore {

    private final JdbcClient jdbc;

    RuleBaseStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Long> latestVersion() {
        return jdbc.sql("select max(version) from rule_base_version").query(Long.class).optional();
    }

    @Transactional
    long save(String checksum, SortedMap<String, String> sources, int ruleCount, String actor, String origin, Instant at) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into rule_base_version (checksum, activated_at, activated_by, origin, rule_count)
                values (?, ?, ?, ?, ?)""")
                .params(checksum, Timestamp.from(at), actor, origin, ruleCount)
                .update(key, "version");
        long version = key.getKey().longValue();
        sources.forEach((path, content) -> jdbc.sql("insert into rule_base_file (version, path, content) values (?, ?, ?)")
                .params(version, path, content).update());
        return version;
    }

    SortedMap<String, String> sources(long version) {
        SortedMap<String, String> sources = new TreeMap<>();
        jdbc.sql("select path, content from rule_base_file where version = ?").param(version)
                .query(rs -> {
                    sources.put(rs.getString(1), rs.getString(2));
                })
                ;
        return sources;
    }

    /** One version's record (who activated it, when, from where); its rules come from the compiled base. */
    Optional<RuleBaseSummary> find(long version) {
        return jdbc.sql("""
                select version, checksum, activated_at, activated_by, origin, rule_count
                from rule_base_version where version = ?""")
                .param(version)
                .query((rs, i) -> new RuleBaseSummary(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getString(4), rs.getString(5), rs.getInt(6), List.of(), List.of()))
                .optional();
    }

    List<RuleBaseSummary> history(int limit) {
        return jdbc.sql("""
                select version, checksum, activated_at, activated_by, origin, rule_count
                from rule_base_version order by version desc limit ?""")
                .param(limit)
                .query((rs, i) -> new RuleBaseSummary(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getString(4), rs.getString(5), rs.getInt(6), List.of(), List.of()))
                .list();
    }

    /** The latest version with this exact content, if any (a reload of unchanged files is not a new version). */
    Optional<Long> versionWithChecksum(String checksum) {
        return jdbc.sql("select max(version) from rule_base_version where checksum = ?").param(checksum)
                .query(Long.class).optional();
    }

    void release(long version, String action, String actor, Instant at) {
        jdbc.sql("insert into rule_base_release (version, action, released_at, released_by) values (?, ?, ?, ?)")
                .params(version, action, Timestamp.from(at), actor).update();
    }

    /** Production releases, newest (the one serving) first. */
    List<RuleBaseRelease> releases(int limit) {
        return jdbc.sql("""
                select version, action, released_at, released_by from rule_base_release order by id desc limit ?""")
                .param(limit)
                .query((rs, i) -> new RuleBaseRelease(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getString(4)))
                .list();
    }
}
