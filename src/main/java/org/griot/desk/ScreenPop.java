package org.griot.desk;

import java.util.List;
import org.griot.routing.ContactView;

/**
 * What the agent sees when a contact is offered: who calls (the operator's subscriber record), their
 * last interactions, what they did in the IVR and why the rules sent them here.
 */
public record ScreenPop(ContactView contact, String subscriberLookup, String subscriberName, String lineStatus, boolean vip,
        String subscriberLanguage, List<ContactView> history, List<String> ivrSteps) {
}
