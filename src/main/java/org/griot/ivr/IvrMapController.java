package org.griot.ivr;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.griot.workflow.ActivityStatistics;
import org.griot.workflow.ProcessDiagram;
import org.griot.workflow.ProcessDiagrams;
import org.griot.workflow.ProcessStatistics;
import org.griot.workflow.ProcessVersion;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The IVR map (read-only): a process version's diagram with, on each activity, how many callers
 * reached it and how many hung up there over a period (UTC days, both included), and the same as a
 * table, most drop-outs first. Real callers by default; test traffic (test lines, staging calls, the
 * browser simulator) is shown on its own when asked for, never mixed with real callers.
 */
@Controller
class IvrMapController {

    static final int DEFAULT_DAYS = 30;
    static final int MAX_DAYS = 366;

    private final ProcessDiagrams diagrams;
    private final ProcessStatistics statistics;
    private final MessageSource messages;
    private final Clock clock;

    IvrMapController(ProcessDiagrams diagrams, ProcessStatistics statistics, MessageSource messages, Clock clock) {
        this.diagrams = diagrams;
        this.statistics = statistics;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/ivr/map")
    String map(@RequestParam(defaultValue = "ivr-1919") String key, @RequestParam(required = false) Integer version,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "CALLERS") ProcessStatistics.Traffic traffic, Model model) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate last = to == null ? today : to;
        LocalDate first = from == null ? last.minusDays(DEFAULT_DAYS - 1L) : from;
        if (first.isAfter(last) || first.plusDays(MAX_DAYS).isBefore(last)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "period: from <= to, at most " + MAX_DAYS + " days");
        }
        ProcessVersion shown = (version == null ? diagrams.latest(key) : diagrams.version(key, version))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        List<ActivityStatistics> activities = statistics.activities(shown,
                first.atStartOfDay(ZoneOffset.UTC).toInstant(), last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), traffic);
        Map<String, List<ProcessDiagram.Badge>> badges = new HashMap<>();
        var locale = LocaleContextHolder.getLocale();
        for (ActivityStatistics activity : activities) {
            List<ProcessDiagram.Badge> pinned = new ArrayList<>();
            pinned.add(new ProcessDiagram.Badge(Long.toString(activity.visits()), "badge-visits",
                    messages.getMessage("ivr.map.visitsOf", new Object[] {activity.visits()}, locale)));
            if (activity.dropOuts() > 0) {
                pinned.add(new ProcessDiagram.Badge(Long.toString(activity.dropOuts()), "badge-dropouts",
                        messages.getMessage("ivr.map.dropOutsOf", new Object[] {activity.dropOuts()}, locale)));
            }
            badges.put(activity.activityId(), pinned);
        }
        model.addAttribute("key", key);
        model.addAttribute("keys", diagrams.processKeys());
        model.addAttribute("shown", shown);
        model.addAttribute("versions", diagrams.versions(key));
        model.addAttribute("traffic", traffic);
        model.addAttribute("trafficChoices", ProcessStatistics.Traffic.values());
        model.addAttribute("from", first);
        model.addAttribute("to", last);
        model.addAttribute("activities", activities);
        model.addAttribute("totalVisits", activities.stream().filter(a -> "startEvent".equals(a.type()))
                .mapToLong(ActivityStatistics::visits).sum());
        model.addAttribute("totalDropOuts", activities.stream().mapToLong(ActivityStatistics::dropOuts).sum());
        model.addAttribute("svg", diagrams.diagram(shown).toSvg(badges));
        return "ivr-map";
    }
}
