package org.griot.telephony.asterisk;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.asteriskjava.manager.event.BridgeEnterEvent;
import org.asteriskjava.manager.event.BridgeLeaveEvent;
import org.asteriskjava.manager.event.ContactStatusEvent;
import org.asteriskjava.manager.event.DeviceStateChangeEvent;
import org.asteriskjava.manager.event.DialEndEvent;
import org.asteriskjava.manager.event.DtmfEndEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.NewStateEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.griot.telephony.CallId;
import org.griot.telephony.TelephonyEvent;
import org.griot.telephony.TelephonyEvent.OriginateResult.Outcome;
import org.griot.telephony.TelephonyEvent.PhoneState;

/**
 * Turns AMI events into Griot's {@link TelephonyEvent}s, keeping {@link AsteriskChannels} and the
 * members of each bridge up to date on the way.
 */
final class AmiEventTranslator {

    private final Clock clock;
    private final AsteriskChannels channels;
    private final Map<String, Set<String>> bridgeMembers = new ConcurrentHashMap<>();

    AmiEventTranslator(Clock clock, AsteriskChannels channels) {
        this.clock = clock;
        this.channels = channels;
    }

    private void remember(String uniqueId, String channel) {
        channels.remember(uniqueId, channel);
    }

    /** The Griot events for this AMI event (none when it means nothing to Griot). */
    List<TelephonyEvent> translate(ManagerEvent event) {
        if (event instanceof BridgeEnterEvent e) {
            return bridgeEntered(e);
        }
        return translateOne(event).map(List::of).orElse(List.of());
    }

    private Optional<TelephonyEvent> translateOne(ManagerEvent event) {
        if (event instanceof NewChannelEvent e) {
            remember(e.getUniqueId(), e.getChannel());
            return Optional.empty();
        }
        if (event instanceof NewStateEvent e) {
            remember(e.getUniqueId(), e.getChannel());
            return Integer.valueOf(6).equals(e.getChannelState()) && e.getUniqueId() != null
                    ? Optional.of(new TelephonyEvent.CallAnswered(clock.instant(), new CallId(e.getUniqueId())))
                    : Optional.empty();
        }
        if (event instanceof DtmfEndEvent e) {
            boolean received = e.getDirection() == null || "Received".equalsIgnoreCase(e.getDirection());
            return received && e.getUniqueId() != null && e.getDigit() != null
                    ? Optional.of(new TelephonyEvent.DigitsReceived(clock.instant(), new CallId(e.getUniqueId()),
                            String.valueOf(e.getDigit())))
                    : Optional.empty();
        }
        if (event instanceof DialEndEvent e) {
            String status = e.getDialStatus();
            if (status == null || "ANSWER".equals(status) || e.getUniqueId() == null) {
                return Optional.empty();
            }
            return endpointOf(e.getDestChannel()).map(endpoint -> new TelephonyEvent.AgentConnectFailed(clock.instant(),
                    new CallId(e.getUniqueId()), endpoint, status));
        }
        if (event instanceof BridgeLeaveEvent e) {
            Set<String> members = bridgeMembers.get(e.getBridgeUniqueId());
            if (members != null) {
                members.remove(e.getUniqueId());
                if (members.isEmpty()) {
                    bridgeMembers.remove(e.getBridgeUniqueId());
                }
            }
            return Optional.empty();
        }
        if (event instanceof HangupEvent e) {
            if (e.getUniqueId() == null) {
                return Optional.empty();
            }
            channels.forget(e.getUniqueId());
            return Optional.of(new TelephonyEvent.CallHungUp(clock.instant(), new CallId(e.getUniqueId()),
                    e.getCause() == null ? 0 : e.getCause(), e.getCauseTxt()));
        }
        if (event instanceof OriginateResponseEvent e) {
            String requestId = e.getActionId();
            if (requestId == null) {
                return Optional.empty();
            }
            String uniqueId = e.getUniqueId();
            boolean known = uniqueId != null && !"<unknown>".equals(uniqueId);
            if (known) {
                remember(uniqueId, e.getChannel());
            }
            return Optional.of(new TelephonyEvent.OriginateResult(clock.instant(), requestId, originateOutcome(e),
                    known ? new CallId(uniqueId) : null));
        }
        if (event instanceof DeviceStateChangeEvent e) {
            return endpointOf(e.getDevice()).flatMap(endpoint -> deviceState(e.getState())
                    .map(state -> new TelephonyEvent.AgentPhoneStateChanged(clock.instant(), endpoint, state)));
        }
        if (event instanceof ContactStatusEvent e) {
            String endpoint = e.getEndpointName() != null ? e.getEndpointName() : e.getAor();
            PhoneState state = switch (String.valueOf(e.getContactStatus()).toLowerCase()) {
                case "reachable", "created" -> PhoneState.REGISTERED;
                case "unreachable", "removed" -> PhoneState.UNREACHABLE;
                default -> null;
            };
            return endpoint == null || state == null ? Optional.empty()
                    : Optional.of(new TelephonyEvent.AgentPhoneStateChanged(clock.instant(), endpoint, state));
        }
        return Optional.empty();
    }

    /** When a second leg enters a bridge, each leg learns what it now talks to (one event per leg). */
    private List<TelephonyEvent> bridgeEntered(BridgeEnterEvent e) {
        if (e.getUniqueId() == null || e.getBridgeUniqueId() == null) {
            return List.of();
        }
        remember(e.getUniqueId(), e.getChannel());
        Set<String> members = bridgeMembers.computeIfAbsent(e.getBridgeUniqueId(), k -> ConcurrentHashMap.newKeySet());
        members.add(e.getUniqueId());
        Optional<String> other = members.stream().filter(member -> !member.equals(e.getUniqueId())).findFirst();
        if (other.isEmpty()) {
            return List.of();
        }
        String otherChannel = channels.channelOf(other.get()).orElse(other.get());
        return List.of(
                new TelephonyEvent.CallsBridged(clock.instant(), new CallId(other.get()), new CallId(e.getUniqueId()),
                        endpointOf(e.getChannel()).orElse(e.getChannel())),
                new TelephonyEvent.CallsBridged(clock.instant(), new CallId(e.getUniqueId()), new CallId(other.get()),
                        endpointOf(otherChannel).orElse(otherChannel)));
    }

    /** Reason of OriginateResponse: 4 answered, 5 busy, 3 no answer within the timeout, 0/1/8 failure. */
    static Outcome originateOutcome(OriginateResponseEvent e) {
        if ("Success".equalsIgnoreCase(e.getResponse())) {
            return Outcome.ANSWERED;
        }
        Integer reason = e.getReason();
        if (reason == null) {
            return Outcome.FAILED;
        }
        return switch (reason) {
            case 4 -> Outcome.ANSWERED;
            case 5 -> Outcome.BUSY;
            case 3 -> Outcome.NO_ANSWER;
            default -> Outcome.FAILED;
        };
    }

    /** "PJSIP/1001" or "PJSIP/1001-0000002a" → "1001". */
    static Optional<String> endpointOf(String channelOrDevice) {
        if (channelOrDevice == null || !channelOrDevice.startsWith("PJSIP/")) {
            return Optional.empty();
        }
        String rest = channelOrDevice.substring("PJSIP/".length());
        int dash = rest.lastIndexOf('-');
        return Optional.of(dash > 0 && rest.length() - dash == 9 ? rest.substring(0, dash) : rest);
    }

    static Optional<PhoneState> deviceState(String state) {
        if (state == null) {
            return Optional.empty();
        }
        return switch (state) {
            case "NOT_INUSE" -> Optional.of(PhoneState.IDLE);
            case "INUSE", "BUSY", "ONHOLD" -> Optional.of(PhoneState.BUSY);
            case "RINGING", "RINGINUSE" -> Optional.of(PhoneState.RINGING);
            case "UNAVAILABLE", "INVALID" -> Optional.of(PhoneState.UNREACHABLE);
            default -> Optional.empty();
        };
    }
}
