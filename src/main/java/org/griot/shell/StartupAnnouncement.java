package org.griot.shell;

import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Says where Griot can be reached once it is ready, so the person who started it knows where to go. */
@Component
class StartupAnnouncement {

    private static final Logger log = LoggerFactory.getLogger(StartupAnnouncement.class);

    @EventListener
    void ready(ApplicationReadyEvent event) {
        if (event.getApplicationContext() instanceof WebServerApplicationContext web) {
            int port = web.getWebServer().getPort();
            boolean demo = Arrays.asList(event.getApplicationContext().getEnvironment().getActiveProfiles()).contains("demo")
                    || event.getApplicationContext().getEnvironment().getActiveProfiles().length == 0;
            log.info("Griot is ready: http://localhost:{}/{}", port,
                    demo ? " (demo users: agent, supervisor, analyst, crisis, auditor, admin, operator; see README.md)" : "");
        }
    }
}
