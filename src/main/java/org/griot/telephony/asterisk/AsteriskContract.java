package org.griot.telephony.asterisk;

import java.util.List;

/**
 * What Griot expects from the Asterisk configuration in docker/asterisk/: the FastAGI scripts the
 * dialplan calls, the dialplan contexts Griot sends channels to over AMI, and its AMI user. A test
 * parses the shipped configuration and checks every name here is present.
 */
public final class AsteriskContract {

    /** FastAGI scripts (agi://griot:4573/&lt;script&gt;) and what each one serves. */
    public static final String SCRIPT_IVR = "ivr";
    public static final String SCRIPT_CALLBACK = "callback";
    public static final String SCRIPT_CAMPAIGN = "campaign";
    public static final String SCRIPT_VOICEMAIL = "voicemail";
    public static final List<String> SCRIPTS = List.of(SCRIPT_IVR, SCRIPT_CALLBACK, SCRIPT_CAMPAIGN, SCRIPT_VOICEMAIL);

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
    /** Outbound legs to customers through the operator trunk (callbacks, campaigns). */
    public static final String CONTEXT_OUTBOUND = "griot-outbound";
    /** Supervisor phone legs running ChanSpy (listen, whisper, barge) on an agent's call. */
    public static final String CONTEXT_SPY = "griot-spy";
    public static final List<String> CONTEXTS = List.of(CONTEXT_FROM_OPERATOR, CONTEXT_FROM_STAGING, CONTEXT_AGENTS,
            CONTEXT_HOLD, CONTEXT_CONNECT, CONTEXT_OUTBOUND, CONTEXT_SPY);

    /** The service numbers routed into the IVR. */
    public static final List<String> SERVICE_NUMBERS = List.of("1919");

    /** Griot's AMI user (manager.conf). */
    public static final String AMI_USER = "griot";

    private AsteriskContract() {
    }
}
