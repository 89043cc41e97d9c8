package org.griot.telephony.asterisk;

import java.util.concurrent.CompletableFuture;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.MixMonitorAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.RedirectAction;
import org.asteriskjava.manager.action.SetVarAction;
import org.asteriskjava.manager.action.StopMixMonitorAction;
import org.asteriskjava.manager.response.ManagerResponse;
import org.griot.telephony.CallId;
import org.griot.telephony.ControlCommand;
import org.griot.telephony.ControlCommand.Accepted;
import org.griot.telephony.TelephonyControl;
import org.griot.telephony.TelephonyException;
import org.griot.telephony.UnknownCallException;
import org.griot.telephony.WaitingCallData;

/**
 * {@link ControlCommand}s as AMI actions, per the dialplan contract of {@link AsteriskContract}:
 * waiting callers are redirected to {@code griot-hold}, connected to agents through
 * {@code griot-connect}, customers are dialed through {@code griot-outbound}, supervisors spy
 * through {@code griot-spy}; recordings are MixMonitor.
 */
public class AsteriskTelephonyControl implements TelephonyControl {

    private final AmiLink ami;

    public AsteriskTelephonyControl(AmiLink ami) {
        this.ami = ami;
    }

    @Override
    public boolean isConnected() {
        return ami.isUp();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> CompletableFuture<R> send(ControlCommand<R> command) {
        try {
            return (CompletableFuture<R>) dispatch(command);
        } catch (TelephonyException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<Accepted> dispatch(ControlCommand<?> command) {
        if (command instanceof ControlCommand.Originate originate) {
            return accepted(originate(originate), originate.requestId());
        }
        if (command instanceof ControlCommand.ConnectToAgent connect) {
            return connect(connect);
        }
        if (command instanceof ControlCommand.ReportLiveCalls) {
            ami.reconcileSoon();
            return CompletableFuture.completedFuture(new Accepted("reconciliation"));
        }
        if (command instanceof ControlCommand.Hold hold) {
            return accepted(new RedirectAction(channelOf(hold.call()), AsteriskContract.CONTEXT_HOLD, "s", 1),
                    hold.call().value());
        }
        if (command instanceof ControlCommand.AnnouncePosition announce) {
            return accepted(new RedirectAction(channelOf(announce.call()), AsteriskContract.CONTEXT_ANNOUNCE, "s", 1),
                    announce.call().value());
        }
        if (command instanceof ControlCommand.Transfer transfer) {
            return accepted(new RedirectAction(channelOf(transfer.call()), AsteriskContract.CONTEXT_OUTBOUND,
                    transfer.destination(), 1), transfer.destination());
        }
        if (command instanceof ControlCommand.StartRecording start) {
            return accepted(new MixMonitorAction(channelOf(start.call()), start.file() + ".wav", "b"), start.file());
        }
        if (command instanceof ControlCommand.StopRecording stop) {
            return accepted(new StopMixMonitorAction(channelOf(stop.call())), stop.call().value());
        }
        if (command instanceof ControlCommand.Spy spy) {
            String target = channelOf(spy.agentCall());
            OriginateAction action = new OriginateAction();
            action.setChannel("PJSIP/" + spy.supervisorEndpoint());
            action.setContext(AsteriskContract.CONTEXT_SPY);
            // griot-spy matches _X. (the spied endpoint); GRIOT_SPY_TARGET names the exact channel.
            action.setExten(AmiEventTranslator.endpointOf(target).filter(e -> e.matches("[0-9]+")).orElse("0"));
            action.setPriority(1);
            action.setAsync(true);
            action.setTimeout(30_000L);
            action.setVariable("GRIOT_SPY_TARGET", target);
            action.setVariable("GRIOT_SPY_OPTIONS", switch (spy.mode()) {
                case LISTEN -> "";
                case WHISPER -> "w";
                case BARGE -> "B";
            });
            return accepted(action, spy.supervisorEndpoint());
        }
        if (command instanceof ControlCommand.HangUpCall hangUp) {
            return accepted(new HangupAction(channelOf(hangUp.call())), hangUp.call().value());
        }
        throw new TelephonyException("Unsupported control command: " + command);
    }

    /**
     * One Redirect to griot-connect when the call already carries the ring time (written when it was
     * queued); otherwise the SetVar goes first, on the same AMI session, without waiting for its
     * answer: Asterisk runs a session's actions in order.
     */
    private CompletableFuture<Accepted> connect(ControlCommand.ConnectToAgent connect) {
        String channel = channelOf(connect.call());
        String ringSeconds = Long.toString(connect.ringTimeout() == null ? 20 : Math.max(1, connect.ringTimeout().toSeconds()));
        RedirectAction redirect = new RedirectAction(channel, AsteriskContract.CONTEXT_CONNECT, connect.agentEndpoint(), 1);
        if (ringSeconds.equals(ami.channels().ringTimeoutOf(connect.call().value()).orElse(null))) {
            return accepted(redirect, connect.agentEndpoint());
        }
        CompletableFuture<ManagerResponse> setVar = ami.send(new SetVarAction(channel, WaitingCallData.RING_TIMEOUT, ringSeconds));
        CompletableFuture<ManagerResponse> redirected = ami.send(redirect);
        return setVar.thenCombine(redirected, (set, moved) -> {
            ami.channels().ringTimeoutSet(connect.call().value(), ringSeconds);
            return new Accepted(connect.agentEndpoint());
        });
    }

    private OriginateAction originate(ControlCommand.Originate originate) {
        OriginateAction action = new OriginateAction();
        action.setActionId(originate.requestId());
        action.setChannel(originate.toEndpoint() ? "PJSIP/" + originate.destination()
                : "Local/" + originate.destination() + "@" + AsteriskContract.CONTEXT_OUTBOUND);
        // Into the dialplan, not Application=AGI: AMI only lets a user with the "system" class originate
        // into an application. griot-outbound,<script>,1 runs agi://…/<script> once answered.
        action.setContext(AsteriskContract.CONTEXT_OUTBOUND);
        action.setExten(originate.script());
        action.setPriority(1);
        action.setTimeout(originate.ringTimeout().toMillis());
        if (originate.callerId() != null) {
            action.setCallerId(originate.callerId());
        }
        action.setAsync(true);
        originate.variables().forEach(action::setVariable);
        action.setVariable("GRIOT_REQUEST_ID", originate.requestId());
        return action;
    }

    private CompletableFuture<Accepted> accepted(ManagerAction action, String reference) {
        return ami.send(action).thenApply(response -> new Accepted(reference));
    }

    private String channelOf(CallId call) {
        return ami.channels().channelOf(call)
                .orElseThrow(() -> new UnknownCallException(call));
    }
}
