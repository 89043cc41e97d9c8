package org.griot.workflow.internal;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Registers the history level {@value CallHistoryLevel#NAME} ({@link CallHistoryLevel}) and tells it
 * which processes are call processes: those with an external task of the IVR topic, seen when the
 * engine parses a definition (at deployment, and again when a definition enters the engine's cache
 * after a restart — always before any of its instances runs). The level is used when
 * {@code camunda.bpm.history-level} names it. Only the history settings are touched: the model
 * sandbox's expression manager, script engines and deployers stay as ModelSandboxPlugin set them.
 */
public class CallHistoryPlugin implements ProcessEnginePlugin {

    private final String ivrTopic;
    private final CallHistoryLevel level = new CallHistoryLevel();

    public CallHistoryPlugin(String ivrTopic) {
        this.ivrTopic = ivrTopic;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryLevel> levels = new ArrayList<>();
        if (configuration.getCustomHistoryLevels() != null) {
            levels.addAll(configuration.getCustomHistoryLevels());
        }
        levels.add(level);
        configuration.setCustomHistoryLevels(levels);
        List<BpmnParseListener> listeners = new ArrayList<>();
        if (configuration.getCustomPostBPMNParseListeners() != null) {
            listeners.addAll(configuration.getCustomPostBPMNParseListeners());
        }
        listeners.add(new CallHistoryStepFinder());
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        // nothing: the history level is chosen by name (camunda.bpm.history-level)
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        // nothing to do once built
    }

    /** Marks the process of every external task of the IVR topic as a call process. */
    private final class CallHistoryStepFinder extends AbstractBpmnParseListener {

        @Override
        public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
            mark(element, activity);
        }

        @Override
        public void parseSendTask(Element element, ScopeImpl scope, ActivityImpl activity) {
            mark(element, activity);
        }

        @Override
        public void parseBusinessRuleTask(Element element, ScopeImpl scope, ActivityImpl activity) {
            mark(element, activity);
        }

        private void mark(Element element, ActivityImpl activity) {
            if ("external".equals(element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "type"))
                    && ivrTopic.equals(element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "topic"))
                    && activity.getProcessDefinition() instanceof ProcessDefinitionEntity definition) {
                level.callProcess(definition.getKey());
            }
        }
    }
}
