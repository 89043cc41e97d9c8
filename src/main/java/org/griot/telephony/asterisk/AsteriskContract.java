package org.griot.telephony.asterisk;

import java.util.List;

/**
 * What Griot expects from the Asterisk configuration in docker/asterisk/: the FastAGI scripts the
 * dialplan calls, the dialplan contexts Griot sends channels to over AMI, and its AMI user. A test
 * parses the shipped configuration and checks every name here is present.
 */
public final class AsteriskContract {

    /**
     * FastAGI scripts (agi://griot:4573/&lt;script&gt;): exactly the {@code CallScript}s Griot serves
     * (a test checks both ways). A message left while waiting is recorded inside the ivr script.
     */
    public static final String SCRIPT_IVR = "ivr";
    /** The customer's answered leg of an automatic callback. */
    public static final String SCRIPT_CALLBACK = "callback";
    /** Tells a waiting caller their place in line (Griot redirects them to {@link #CONTEXT_ANNOUNCE}). */
    public static final String SCRIPT_QUEUE_POSITION = "queue-position";
    public static final List<String> SCRIPTS = List.of(SCRIPT_IVR, SCRIPT_CALLBACK, SCRIPT_QUEUE_POSITION);

    /** Calls from the operator's SBC/MSC or the AudioCodes gateway: service numbers into the IVR. */
    public static final String CONTEXT_FROM_OPERATOR = "from-operator";
    /** Calls from the staging test endpoint: same numbers, IVR run in its staging version. */
    public static final String CONTEXT_FROM_STAGING = "from-staging";
    /** What agent desk phones may dial (colleagues, service numbers for tests). */
    public static final String CONTEXT_AGENTS = "griot-agents";
    /** Where waiting callers are parked: music on hold until Griot connects them. */
    public static final String CONTEXT_HOLD = "griot-hold";
    /** Redirect target that rings an agent phone (exten = agent endpoint) and bridges the caller. */
    public static final String CONTEXT_CONNECT = "griot-connect";
    /** Outbound legs to customers through the operator trunk (automatic callbacks). */
    public static final String CONTEXT_OUTBOUND = "griot-outbound";
    /** Supervisor phone legs running ChanSpy (listen, whisper, barge) on an agent's call. */
    public static final String CONTEXT_SPY = "griot-spy";
    /** AMI Redirect target: a waiting caller hears their place in line, then returns to {@link #CONTEXT_HOLD}. */
    public static final String CONTEXT_ANNOUNCE = "griot-announce";
    public static final List<String> CONTEXTS = List.of(CONTEXT_FROM_OPERATOR, CONTEXT_FROM_STAGING, CONTEXT_AGENTS,
            CONTEXT_HOLD, CONTEXT_CONNECT, CONTEXT_OUTBOUND, CONTEXT_SPY, CONTEXT_ANNOUNCE);

    /** The service numbers routed into the IVR. */
    public static final List<String> SERVICE_NUMBERS = List.of("1919");

    /** Griot's AMI user (manager.conf). */
    public static final String AMI_USER = "griot";

    /** Port of Griot's FastAGI server, as written in every AGI() URL of the dialplan. */
    public static final int AGI_PORT = 4573;

    /**
     * Extension of {@link #CONTEXT_OUTBOUND} that runs the callback script on the answered leg.
     * Originate into them (Context/Exten/Priority) rather than with Application=AGI, which Asterisk allows
     * only to AMI users holding the "system" write class.
     */
    public static final String EXTEN_CALLBACK_ANSWERED = "callback";

    /**
     * Channel variable the IVR script may set before it ends to continue the dialplan at a
     * "context,exten,priority" (e.g. griot-hold,s,1) without racing an AMI Redirect against the Hangup.
     */
    public static final String VARIABLE_NEXT = "GRIOT_NEXT";

    /** PJSIP endpoints of the SIP trunks (identified by IP) and of the staging test phone. */
    public static final String ENDPOINT_OPERATOR_TRUNK = "operator-trunk";
    public static final String ENDPOINT_MEDIANT_GATEWAY = "mediant-gateway";
    public static final String ENDPOINT_STAGING_TEST = "staging-test";

    private AsteriskContract() {
    }
}
