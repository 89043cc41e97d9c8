package org.griot.decision;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicLong;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieContainer;

/**
 * Builds Drools rule bases from DRL sources held in memory; each build gets its own ReleaseId. The
 * sources pass the {@link RuleSafetyCheck} first, whatever their origin (folder, upload, database):
 * Drools compiles nothing outside the rule vocabulary.
 */
class RuleBaseCompiler {

    private final KieServices kieServices = KieServices.Factory.get();
    /** JVM-wide: two hosts (tests, a second node in one JVM) must never share a release id in the Kie repository. */
    private static final AtomicLong GENERATION = new AtomicLong();
    private final ClassLoader classLoader = RuleBaseCompiler.class.getClassLoader();
    private final RuleSafetyCheck safetyCheck;
    private final RuleTrial trial;

    /** {@code trialLimits}: the bounds of the trial decisions run on each new build (see {@link RuleTrial}). */
    RuleBaseCompiler(RuleVocabulary vocabulary, CompiledRuleBase.Limits trialLimits) {
        this.safetyCheck = new RuleSafetyCheck(vocabulary);
        this.trial = new RuleTrial(vocabulary, trialLimits);
    }

    /** Compiles all sources together; throws with every error (file, line, column, text) if any. */
    CompiledRuleBase compile(long version, SortedMap<String, String> sources) {
        if (sources.isEmpty()) {
            throw new RuleBaseRejectedException(List.of(new RuleMessage("ERROR", null, 0, 0, "no .drl file to build")));
        }
        List<RuleMessage> unsafe = safetyCheck.check(sources);
        if (!unsafe.isEmpty()) {
            throw new RuleBaseRejectedException(unsafe);
        }
        ReleaseId releaseId = kieServices.newReleaseId("org.griot", "griot-rules", "1.0." + GENERATION.incrementAndGet());
        KieFileSystem files = kieServices.newKieFileSystem();
        files.generateAndWritePomXML(releaseId);
        for (Map.Entry<String, String> source : sources.entrySet()) {
            files.write("src/main/resources/" + source.getKey(), source.getValue());
        }
        KieBuilder builder = kieServices.newKieBuilder(files, classLoader).buildAll();
        List<RuleMessage> errors = new ArrayList<>();
        for (Message message : builder.getResults().getMessages(Message.Level.ERROR)) {
            String path = message.getPath() == null ? null : message.getPath().replaceFirst("^src/main/resources/", "");
            errors.add(new RuleMessage(message.getLevel().name(), path, message.getLine(), message.getColumn(),
                    message.getText()));
        }
        if (!errors.isEmpty()) {
            kieServices.getRepository().removeKieModule(releaseId);
            throw new RuleBaseRejectedException(errors);
        }
        KieContainer container = kieServices.newKieContainer(releaseId, classLoader);
        KieBase kieBase = container.getKieBase();
        List<String> ruleNames = new ArrayList<>();
        for (KiePackage kiePackage : kieBase.getKiePackages()) {
            for (Rule rule : kiePackage.getRules()) {
                ruleNames.add(kiePackage.getName() + "." + rule.getName());
            }
        }
        ruleNames.sort(null);
        CompiledRuleBase built = new CompiledRuleBase(version, checksum(sources), sources, releaseId, container, kieBase,
                List.copyOf(ruleNames));
        List<RuleMessage> loops = trial.run(built);
        if (!loops.isEmpty()) {
            release(built);
            throw new RuleBaseRejectedException(loops);
        }
        return built;
    }

    /** Frees a rule base that no longer serves. */
    void release(CompiledRuleBase ruleBase) {
        ruleBase.container().dispose();
        kieServices.getRepository().removeKieModule(ruleBase.releaseId());
    }

    static String checksum(SortedMap<String, String> sources) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> source : sources.entrySet()) {
                digest.update(source.getKey().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(source.getValue().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
