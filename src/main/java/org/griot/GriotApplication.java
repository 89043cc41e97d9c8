package org.griot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Griot: a contact-center engine (IVR, ACD, callbacks, campaigns, supervision, continuity). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GriotApplication {

    public static void main(String[] args) {
        SpringApplication.run(GriotApplication.class, args);
    }
}
