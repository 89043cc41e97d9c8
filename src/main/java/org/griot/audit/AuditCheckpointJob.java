package org.griot.audit;

import org.quartz.CronScheduleBuilder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.quartz.QuartzJobBean;

/** Writes a signed checkpoint of the audit chain head on {@code griot.audit.checkpoint-cron} (Quartz). */
@DisallowConcurrentExecution
public class AuditCheckpointJob extends QuartzJobBean {

    private final AuditCheckpoints checkpoints;

    public AuditCheckpointJob(AuditCheckpoints checkpoints) {
        this.checkpoints = checkpoints;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        checkpoints.write();
    }

    @Configuration(proxyBeanMethods = false)
    static class Schedule {

        @Bean
        JobDetail auditCheckpointJobDetail() {
            return JobBuilder.newJob(AuditCheckpointJob.class).withIdentity("audit-checkpoint", "audit")
                    .withDescription("Write a signed checkpoint of the audit chain head outside the database")
                    .storeDurably().build();
        }

        @Bean
        Trigger auditCheckpointTrigger(JobDetail auditCheckpointJobDetail, AuditProperties properties) {
            return TriggerBuilder.newTrigger().forJob(auditCheckpointJobDetail).withIdentity("audit-checkpoint", "audit")
                    .withSchedule(CronScheduleBuilder.cronSchedule(properties.checkpointCron())
                            .withMisfireHandlingInstructionDoNothing())
                    .build();
        }
    }
}
