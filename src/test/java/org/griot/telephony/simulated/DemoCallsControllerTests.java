package org.griot.telephony.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.griot.telephony.CallCommand;
import org.griot.telephony.CallScript;
import org.griot.telephony.CallScripts;
import org.griot.telephony.CallSession;
import org.griot.telephony.TelephonyEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.support.RedirectAttributesModelMap;

/** The demo's "call 1919" form places a call on the simulated PBX whose caller presses the keys given. */
class DemoCallsControllerTests {

    final List<String> pressed = new CopyOnWriteArrayList<>();
    final CallScript ivr = new CallScript() {
        @Override
        public String name() {
            return "ivr";
        }

        @Override
        public void serve(CallSession call) {
            for (int menu = 0; menu < 2; menu++) {
                pressed.add(call.collect(new CallCommand.CollectDigits("menu", 1, 1, Duration.ofSeconds(5), null)).digits());
            }
            pressed.add(call.info().callerNumber() + "->" + call.info().dialedNumber());
        }
    };
    final TelephonyEvents events = new TelephonyEvents();
    final SimulatedTelephony telephony = new SimulatedTelephony(new CallScripts(List.of(ivr)), events, Clock.systemUTC());
    final DemoCallsController controller = new DemoCallsController(telephony);

    @AfterEach
    void close() {
        telephony.close();
        events.destroy();
    }

    @Test
    void aDemoCallerDials1919AndPressesOneKeyPerMenu() throws Exception {
        var redirect = new RedirectAttributesModelMap();

        assertThat(controller.place(" 22997000002 ", "1  0", redirect)).isEqualTo("redirect:/demo/calls");

        assertThat(redirect.getFlashAttributes().get("placed").toString()).startsWith("demo-");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (pressed.size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(pressed).containsExactly("1", "0", "22997000002->1919");
    }

    @Test
    void anInvalidNumberOrKeyPlacesNothing() {
        var redirect = new RedirectAttributesModelMap();

        controller.place("229-97", "1 0", redirect);
        controller.place("22997000002", "1 x", redirect);

        assertThat(redirect.getFlashAttributes().get("invalid")).isEqualTo(true);
        assertThat(redirect.getFlashAttributes()).doesNotContainKey("placed");
        assertThat(pressed).isEmpty();
    }
}
